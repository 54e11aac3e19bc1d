/**
 * Frozen copies of the rule and secret detectors as they were before the speed work of issue 3
 * (commit da29a66), renamed {@code Legacy*}: the oracle of {@link
 * dev.tracemill.privacy.legacy.DetectorEquivalenceTest}, which asserts that the current detectors return
 * exactly the same spans. Do not optimise or fix these copies; a deliberate change of a detector's
 * behaviour updates its copy in the same commit and says why.
 */
package dev.tracemill.privacy.legacy;

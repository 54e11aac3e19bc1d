package dev.tracemill.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class LongHashSetTest {
  @Property
  void behavesLikeAHashSet(@ForAll long[] values, @ForAll long probe) {
    LongHashSet set = new LongHashSet();
    Set<Long> reference = new HashSet<>();
    for (long v : values) {
      assertThat(set.add(v)).isEqualTo(reference.add(v));
    }
    assertThat(set.size()).isEqualTo(reference.size());
    assertThat(set.contains(probe)).isEqualTo(reference.contains(probe));
    for (long v : values) {
      assertThat(set.contains(v)).isTrue();
    }
  }

  @Property(tries = 20)
  void growsPastItsInitialCapacity(@ForAll("seeds") long seed) {
    LongHashSet set = new LongHashSet();
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    long[] added = new long[5000];
    for (int i = 0; i < added.length; i++) {
      added[i] = random.nextLong();
      set.add(added[i]);
    }
    for (long v : added) {
      assertThat(set.contains(v)).isTrue();
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Long> seeds() {
    return net.jqwik.api.Arbitraries.longs();
  }
}

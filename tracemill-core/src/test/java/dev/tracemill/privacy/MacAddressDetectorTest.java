package dev.tracemill.privacy;

import java.util.List;

class MacAddressDetectorTest implements DetectorContract {
  @Override
  public Detector detector() {
    return new MacAddressDetector();
  }

  @Override
  public String type() {
    return EntityTypes.MAC_ADDRESS;
  }

  @Override
  public List<String> positives() {
    return List.of("mac 00:1a:2b:3c:4d:5e", "00-1A-2B-3C-4D-5E.", "cisco 001a.2b3c.4d5e", "aa:bb:cc:dd:ee:ff");
  }

  @Override
  public List<String> negatives() {
    return List.of("00:1a:2b:3c:4d:5e:6f", "550e8400-e29b-41d4-a716-446655440000", "00:1A:2b:3c:4d:5e",
        "1234.5678.9012", "at 12:30:45", "00:1a-2b:3c:4d:5e", "x00:1a:2b:3c:4d:5e");
  }
}

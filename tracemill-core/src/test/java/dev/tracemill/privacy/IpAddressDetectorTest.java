package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Example;

class IpAddressDetectorTest implements DetectorContract {
  @Override
  public Detector detector() {
    return new IpAddressDetector();
  }

  @Override
  public String type() {
    return EntityTypes.IP_ADDRESS;
  }

  @Override
  public List<String> positives() {
    return List.of("from 192.0.2.10 at", "host 198.51.100.255:8080", "net 203.0.113.0/24", "ip=192.0.2.1.",
        "2001:db8::1", "[2001:db8:85a3::8a2e:370:7334]:443", "2001:0db8:0000:0000:0000:ff00:0042:8329",
        "::ffff:192.0.2.128", "fe80::1ff:fe23:4567:890a", "|106.31.73.20|");
  }

  @Override
  public List<String> negatives() {
    return List.of("256.1.1.1", "1.2.3.4.5", "v10.0.0.1", "version 1.2.3.4", "release 4.1.0.12", "01.02.03.04",
        "at 04:30:00", "std::vector<int>", "a[1::2]", "dead::beef", "mac 00:1a:2b:3c:4d:5e",
        "1:2:3:4:5:6:7", "1.2.3", "10.0.0.1a", "2026-11-22T04:30:00Z");
  }

  @Example
  void octetsAboveTwoFiftyFiveAndLeadingZerosAreRejected() {
    assertThat(IpAddressDetector.ipv4End("255.255.255.255", 0)).isEqualTo(15);
    assertThat(IpAddressDetector.ipv4End("255.255.255.256", 0)).isEqualTo(-1);
    assertThat(IpAddressDetector.ipv4End("0.0.0.0", 0)).isEqualTo(7);
    assertThat(IpAddressDetector.ipv4End("10.0.0.010", 0)).isEqualTo(-1);
  }

  @Example
  void ipv6GroupCountsAreChecked() {
    assertThat(IpAddressDetector.validIpv6("2001:db8:0:0:0:0:2:1", 0, 20)).isTrue();
    assertThat(IpAddressDetector.validIpv6("2001:db8:0:0:0:0:2", 0, 18)).isFalse();
    assertThat(IpAddressDetector.validIpv6("2001:db8::2::1", 0, 14)).isFalse();
    assertThat(IpAddressDetector.validIpv6("2001:db8:12345::1", 0, 17)).isFalse();
    assertThat(IpAddressDetector.validIpv6("::ffff:192.0.2.300", 0, 18)).isFalse();
  }

  @Example
  void portIsNotPartOfTheSpan() {
    String text = "host 198.51.100.255:8080";
    assertThat(detector().detect(text, ScanContext.FREE_TEXT)).singleElement()
        .satisfies(s -> assertThat(text.substring(s.start(), s.end())).isEqualTo("198.51.100.255"));
  }
}

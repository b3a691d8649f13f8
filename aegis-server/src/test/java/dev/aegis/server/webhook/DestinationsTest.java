package dev.aegis.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DestinationsTest {
  @Test
  void internalAddressesAreRecognisedInEveryForm() throws Exception {
    for (String internal : List.of("127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.0.1", "172.31.255.255",
        "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.255", "0.0.0.0", "0.1.2.3", "192.0.0.8",
        "192.0.2.1", "198.18.0.1", "198.19.255.255", "198.51.100.7", "203.0.113.9", "224.0.0.1", "240.0.0.1",
        "255.255.255.255", "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1",
        "::ffff:10.0.0.1", "::ffff:127.0.0.1", "::127.0.0.1", "64:ff9b::a9fe:a9fe", "2002:0a00:0001::1",
        "2001:db8::1")) {
      assertThat(Destinations.isInternal(InetAddress.getByName(internal))).as(internal).isTrue();
    }
    for (String external : List.of("8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "100.128.0.1",
        "192.169.0.1", "198.20.0.1", "2606:4700:4700::1111", "2a00:1450:4001::200e", "64:ff9b::808:808",
        "2002:0808:0808::1")) {
      assertThat(Destinations.isInternal(InetAddress.getByName(external))).as(external).isFalse();
    }
  }

  @Test
  void aNameIsJudgedByEveryAddressItResolvesTo() {
    Map<String, List<String>> dns = Map.of(
        "public.example.com", List.of("93.184.215.14"),
        "mixed.example.com", List.of("93.184.215.14", "10.0.0.5"),
        "rebound.example.com", List.of("169.254.169.254"));
    Destinations destinations = new Destinations(false, host -> resolve(dns, host));

    assertThat(destinations.checkNew("https://public.example.com/hooks")).isEmpty();
    assertThat(destinations.checkNew("https://mixed.example.com/hooks")).hasValueSatisfying(problem ->
        assertThat(problem).contains("mixed.example.com resolves to 10.0.0.5, an internal address"));
    assertThat(destinations.checkBeforeDelivery(URI.create("https://rebound.example.com/x")))
        .hasValueSatisfying(problem -> assertThat(problem).contains("169.254.169.254"));
    assertThat(destinations.checkNew("https://not-yet.example.com/hooks")).as("resolved again at delivery").isEmpty();
    assertThat(destinations.checkBeforeDelivery(URI.create("https://not-yet.example.com/x")))
        .contains("cannot resolve host not-yet.example.com");
  }

  @Test
  void allowingPrivateNetworksAllowsThemButNotOtherSchemes() {
    Destinations destinations = new Destinations(true);

    assertThat(destinations.checkNew("http://127.0.0.1:9000/hooks")).isEmpty();
    assertThat(destinations.checkNew("http://[::1]:9000/hooks")).isEmpty();
    assertThat(destinations.checkNew("file:///etc/passwd")).contains(
        "must be an http or https URL, such as https://hooks.example.com/aegis");
    assertThat(destinations.checkNew("gopher://127.0.0.1/")).isPresent();
    assertThat(destinations.checkNew("https://" + "a".repeat(2100) + ".example.com/")).contains(
        "must be at most 2048 characters");
  }

  @Test
  void logsSeeOnlySchemeHostAndPort() {
    assertThat(Destinations.forLogs("https://hooks.example.com:8443/t/abc?token=s3cret")).isEqualTo(
        "https://hooks.example.com:8443");
    assertThat(Destinations.forLogs("https://hooks.example.com/t?token=s3cret")).isEqualTo(
        "https://hooks.example.com");
  }

  private static InetAddress[] resolve(Map<String, List<String>> dns, String host) throws UnknownHostException {
    List<String> addresses = dns.get(host);
    if (addresses == null) {
      throw new UnknownHostException(host);
    }
    InetAddress[] out = new InetAddress[addresses.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = InetAddress.getByName(addresses.get(i));
    }
    return out;
  }
}

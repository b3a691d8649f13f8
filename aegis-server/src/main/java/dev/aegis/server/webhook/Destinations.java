package dev.aegis.server.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where webhooks may point: http or https URLs, and (unless private networks are allowed) never an address inside
 * the server's network: loopback, private, link-local (cloud metadata services live there), carrier-grade NAT,
 * multicast, unspecified, reserved or documentation ranges, and the same ranges inside IPv6 forms that embed an
 * IPv4 address. A host name is judged by every address it resolves to, when the webhook is created and again at
 * each delivery.
 */
final class Destinations {
  static final int MAX_URL_LENGTH = 2048;

  private final boolean allowPrivateNetworks;
  private final Resolver resolver;

  /** Resolves host names; a seam for tests that need a name to resolve somewhere particular. */
  @FunctionalInterface
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  Destinations(boolean allowPrivateNetworks) {
    this(allowPrivateNetworks, InetAddress::getAllByName);
  }

  Destinations(boolean allowPrivateNetworks, Resolver resolver) {
    this.allowPrivateNetworks = allowPrivateNetworks;
    this.resolver = resolver;
  }

  /**
   * The scheme, host and port of a URL, such as {@code https://hooks.example.com:8443}, followed by {@code /...} when
   * the URL had more (a path or query, which may carry a token); {@code (not a URL)} when it cannot be read.
   */
  static String origin(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return "(not a URL)";
      }
      String origin = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost()
          + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
      boolean more = (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
          || uri.getRawQuery() != null || uri.getRawFragment() != null;
      return more ? origin + "/..." : origin;
    } catch (URISyntaxException e) {
      return "(not a URL)";
    }
  }

  /** Why a URL given for a new webhook is not acceptable, or empty when it is. */
  Optional<String> checkNew(String url) {
    if (url.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (url.length() > MAX_URL_LENGTH) {
      return Optional.of("must be at most " + MAX_URL_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
      return Optional.of("must be an http or https URL, such as https://hooks.example.com/aegis");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return Optional.of("must name a host");
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("must not carry a user name or password; receivers check the Aegis-Signature header"
          + " instead");
    }
    if (uri.getRawFragment() != null) {
      return Optional.of("must not have a #fragment");
    }
    try {
      return checkAddresses(uri.getHost());
    } catch (UnknownHostException e) {
      // a name that does not resolve yet is accepted; every delivery resolves and checks it again
      return Optional.empty();
    }
  }

  /** Why a delivery to this URL must not be sent now, or empty when it may. */
  Optional<String> checkBeforeDelivery(URI uri) {
    try {
      return checkAddresses(uri.getHost());
    } catch (UnknownHostException e) {
      return Optional.of("cannot resolve host " + uri.getHost());
    }
  }

  private Optional<String> checkAddresses(String host) throws UnknownHostException {
    if (allowPrivateNetworks) {
      return Optional.empty();
    }
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    for (InetAddress address : resolver.resolve(bare)) {
      if (isInternal(address)) {
        return Optional.of("is refused: " + host + " resolves to " + address.getHostAddress()
            + ", an internal address; webhooks reach public addresses only, unless the server sets"
            + " webhooks.allow_private_networks");
      }
    }
    return Optional.empty();
  }

  /** Whether the address is one a webhook must not reach from inside the server's network. */
  static boolean isInternal(InetAddress address) {
    if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
        || address.isSiteLocalAddress() || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return isInternalV4(b);
    }
    if (address instanceof Inet6Address) {
      int first = b[0] & 0xff;
      if ((first & 0xfe) == 0xfc) {
        return true; // fc00::/7, unique local
      }
      if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
        return true; // 2001:db8::/32, documentation
      }
      if (first == 0x20 && (b[1] & 0xff) == 0x02) {
        return isInternalV4(new byte[] {b[2], b[3], b[4], b[5]}); // 2002::/16, 6to4
      }
      if (isZero(b, 0, 10) && (((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) || isZero(b, 10, 12))) {
        return isInternalV4(new byte[] {b[12], b[13], b[14], b[15]}); // ::ffff:a.b.c.d and ::a.b.c.d
      }
      if (first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
        return isInternalV4(new byte[] {b[12], b[13], b[14], b[15]}); // 64:ff9b::/96, NAT64
      }
    }
    return false;
  }

  private static boolean isInternalV4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    int a2 = b[2] & 0xff;
    return a0 == 0 // 0.0.0.0/8, "this network"
        || a0 == 10 // 10.0.0.0/8
        || a0 == 127 // 127.0.0.0/8, loopback
        || (a0 == 100 && (a1 & 0xc0) == 64) // 100.64.0.0/10, carrier-grade NAT
        || (a0 == 169 && a1 == 254) // 169.254.0.0/16, link-local and cloud metadata
        || (a0 == 172 && (a1 & 0xf0) == 16) // 172.16.0.0/12
        || (a0 == 192 && a1 == 0 && a2 == 0) // 192.0.0.0/24, protocol assignments
        || (a0 == 192 && a1 == 0 && a2 == 2) // 192.0.2.0/24, documentation
        || (a0 == 192 && a1 == 168) // 192.168.0.0/16
        || (a0 == 198 && (a1 & 0xfe) == 18) // 198.18.0.0/15, benchmarking
        || (a0 == 198 && a1 == 51 && a2 == 100) // 198.51.100.0/24, documentation
        || (a0 == 203 && a1 == 0 && a2 == 113) // 203.0.113.0/24, documentation
        || a0 >= 224; // multicast, reserved and broadcast
  }

  private static boolean isZero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** The URL as logs may show it: scheme, host and port only, since paths and queries may carry tokens. */
  static String forLogs(String url) {
    try {
      URI uri = new URI(url);
      return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    } catch (URISyntaxException e) {
      return "<invalid url>";
    }
  }
}

package fableforge.provider.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Which resolved addresses a download may connect to: only public unicast ones. The table is the IANA
 * special-purpose registries (RFC 6890 and its updates: iana.org/assignments/iana-ipv4-special-registry,
 * iana-ipv6-special-registry) narrowed to what could reach something of ours or a neighbour's: this
 * host, the private network, the cloud's metadata service (169.254.169.254), carrier NAT, multicast.
 * IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that address.
 */
public final class AddressRules {

    private record Block(String why, byte[] prefix, int bits) {
    }

    private static final List<Block> IPV4 = List.of(
            v4("this network (0.0.0.0/8)", "0.0.0.0", 8),
            v4("private (10.0.0.0/8)", "10.0.0.0", 8),
            v4("carrier-grade NAT (100.64.0.0/10)", "100.64.0.0", 10),
            v4("loopback (127.0.0.0/8)", "127.0.0.0", 8),
            v4("link-local (169.254.0.0/16)", "169.254.0.0", 16),
            v4("private (172.16.0.0/12)", "172.16.0.0", 12),
            v4("IETF protocol assignments (192.0.0.0/24)", "192.0.0.0", 24),
            v4("documentation (192.0.2.0/24)", "192.0.2.0", 24),
            v4("private (192.168.0.0/16)", "192.168.0.0", 16),
            v4("benchmarking (198.18.0.0/15)", "198.18.0.0", 15),
            v4("documentation (198.51.100.0/24)", "198.51.100.0", 24),
            v4("documentation (203.0.113.0/24)", "203.0.113.0", 24),
            v4("multicast (224.0.0.0/4)", "224.0.0.0", 4),
            v4("reserved (240.0.0.0/4, and broadcast)", "240.0.0.0", 4));

    private static final List<Block> IPV6 = List.of(
            v6("unspecified or loopback (::/127)", "::", 127),
            v6("discard-only (100::/64)", "100::", 64),
            v6("Teredo (2001::/32)", "2001::", 32),
            v6("documentation (2001:db8::/32)", "2001:db8::", 32),
            v6("unique-local (fc00::/7)", "fc00::", 7),
            v6("link-local (fe80::/10)", "fe80::", 10),
            v6("site-local (fec0::/10)", "fec0::", 10),
            v6("multicast (ff00::/8)", "ff00::", 8));

    private AddressRules() {
    }

    /** Why a download may not connect to {@code address}, or empty when it is a public unicast address. */
    public static Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return match(IPV4, bytes);
        }
        Optional<String> v6 = match(IPV6, bytes);
        if (v6.isPresent()) {
            return v6;
        }
        return embeddedIpv4((Inet6Address) address).flatMap(v4 -> match(IPV4, v4)).map(why -> why + " inside an IPv6 address");
    }

    public static boolean isLoopback(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return true;
        }
        return address instanceof Inet6Address v6 && embeddedIpv4(v6).map(v4 -> v4[0] == 127).orElse(false);
    }

    /**
     * The IPv4 address inside IPv4-mapped (::ffff:0:0/96), IPv4-compatible (::/96),
     * NAT64 (64:ff9b::/96) and 6to4 (2002::/16) addresses: each ends up at that IPv4 address.
     */
    private static Optional<byte[]> embeddedIpv4(Inet6Address address) {
        byte[] b = address.getAddress();
        if (zeros(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return Optional.of(slice(b, 12));
        }
        if (zeros(b, 0, 12)) {
            return Optional.of(slice(b, 12));
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && zeros(b, 4, 12)) {
            return Optional.of(slice(b, 12));
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return Optional.of(new byte[] {b[2], b[3], b[4], b[5]});
        }
        return Optional.empty();
    }

    private static Optional<String> match(List<Block> blocks, byte[] address) {
        for (Block block : blocks) {
            if (inPrefix(address, block.prefix(), block.bits())) {
                return Optional.of(block.why());
            }
        }
        return Optional.empty();
    }

    private static boolean inPrefix(byte[] address, byte[] prefix, int bits) {
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((address[i / 8] & mask) != (prefix[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeros(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] slice(byte[] bytes, int from) {
        return java.util.Arrays.copyOfRange(bytes, from, from + 4);
    }

    private static Block v4(String why, String prefix, int bits) {
        return new Block(why, literal(prefix), bits);
    }

    private static Block v6(String why, String prefix, int bits) {
        return new Block(why, literal(prefix), bits);
    }

    /** Only literals here, so no lookup happens. */
    private static byte[] literal(String address) {
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(address, e);
        }
    }
}

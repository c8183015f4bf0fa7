package fableforge.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The address table, one row per class of address a download link may not reach, and public ones it may. */
class AddressRulesTest {

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource({
            "0.0.0.0, this network",
            "0.1.2.3, this network",
            "10.0.0.1, private",
            "10.255.255.255, private",
            "100.64.0.1, carrier-grade NAT",
            "100.127.255.254, carrier-grade NAT",
            "127.0.0.1, loopback",
            "127.8.9.10, loopback",
            "169.254.169.254, link-local",
            "172.16.0.1, private",
            "172.31.255.255, private",
            "192.0.0.8, IETF protocol",
            "192.0.2.1, documentation",
            "192.168.1.1, private",
            "198.18.0.1, benchmarking",
            "198.51.100.7, documentation",
            "203.0.113.9, documentation",
            "224.0.0.1, multicast",
            "239.255.255.250, multicast",
            "240.0.0.1, reserved",
            "255.255.255.255, reserved",
            "::, unspecified or loopback",
            "::1, unspecified or loopback",
            "fc00::1, unique-local",
            "fd12:3456:789a::1, unique-local",
            "fe80::1, link-local",
            "febf::1, link-local",
            "fec0::1, site-local",
            "ff02::1, multicast",
            "2001:db8::1, documentation",
            "2001:0:4136:e378::1, Teredo",
            "100::1, discard-only",
            "::ffff:7f00:1, loopback",
            "::ffff:a9fe:a9fe, link-local",
            "::0a00:0001, private",
            "64:ff9b::7f00:1, loopback",
            "64:ff9b::c0a8:101, private",
            "2002:7f00:1::1, loopback",
            "2002:a9fe:a9fe::1, link-local",
    })
    void refusesEveryNonPublicClass(String literal, String why) throws Exception {
        assertThat(AddressRules.refusal(InetAddress.getByName(literal))).hasValueSatisfying(reason -> assertThat(reason).contains(why));
    }

    @ParameterizedTest(name = "{0} is public")
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "100.63.255.255", "100.128.0.1", "172.15.255.255", "172.32.0.1",
            "192.169.0.1", "223.255.255.255", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e",
            "64:ff9b::808:808", "2002:808:808::1", "::ffff:808:808"})
    void allowsPublicUnicast(String literal) throws Exception {
        assertThat(AddressRules.refusal(InetAddress.getByName(literal))).isEmpty();
    }

    @ParameterizedTest(name = "{0} is loopback")
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1", "64:ff9b::7f00:1"})
    void knowsLoopbackInEveryForm(String literal) throws Exception {
        assertThat(AddressRules.isLoopback(InetAddress.getByName(literal))).isTrue();
    }
}

package fableforge.video.kling;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Kling's JWT, checked with Auth0's java-jwt: header, claims, signature, and re-signing before it expires. */
class KlingTokenTest {

    @Test
    void tokenHasKlingsHeaderAndClaimsAndVerifiesWithTheSecret() {
        long now = 1_767_225_600L;
        String token = KlingToken.sign("ak", "sk", now);

        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
        assertThat(header).isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        DecodedJWT jwt = JWT.require(Algorithm.HMAC256("sk")).withIssuer("ak").acceptExpiresAt(Long.MAX_VALUE / 1000)
                .acceptNotBefore(Long.MAX_VALUE / 1000).build().verify(token);
        assertThat(jwt.getExpiresAtAsInstant()).isEqualTo(Instant.ofEpochSecond(now + 1800));
        assertThat(jwt.getNotBeforeAsInstant()).isEqualTo(Instant.ofEpochSecond(now - 5));
        assertThat(token).doesNotContain("=");
    }

    @Test
    void oneTokenServesUntilFiveMinutesBeforeItExpiresThenANewOneIsSigned() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        KlingToken tokens = new KlingToken("ak", "sk", clock);

        String first = tokens.current();
        clock.advance(Duration.ofMinutes(24));
        assertThat(tokens.current()).isSameAs(first);
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        String second = tokens.current();
        assertThat(second).isNotEqualTo(first);
        assertThat(JWT.decode(second).getExpiresAtAsInstant()).isEqualTo(clock.instant().plus(KlingToken.LIFETIME).minusMillis(clock.instant().toEpochMilli() % 1000));
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

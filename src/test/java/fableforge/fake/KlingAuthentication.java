package fableforge.fake;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.time.Instant;
import java.util.List;

/**
 * How {@link FakeKling} checks the JWT every call carries, with Auth0's java-jwt (independent of the adapter's
 * own signing): HS256 with {@link FakeKling#SECRET_KEY}, {@code iss} {@link FakeKling#ACCESS_KEY}, header
 * {@code typ: JWT}, valid now, for 30 minutes from five seconds ago.
 */
final class KlingAuthentication {

    private KlingAuthentication() {
    }

    /**
     * Kling's answer to a call that may not go on (1001 no token, 1002 unreadable, 1003 not yet valid, 1004 expired, 1000 bad
     * signature or issuer), or null when it may; a token Kling takes but shaped unlike Kling's recipe is noted in {@code problems}.
     */
    static FakeServer.Reply check(FakeServer.Recorded request, List<String> problems) {
        String header = request.header("authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return FakeKling.envelope(401, 1001, "Authorization is empty");
        }
        DecodedJWT jwt;
        try {
            jwt = JWT.require(Algorithm.HMAC256(FakeKling.SECRET_KEY)).withIssuer(FakeKling.ACCESS_KEY).build().verify(header.substring(7));
        } catch (TokenExpiredException e) {
            return FakeKling.envelope(401, 1004, "Authorization has expired");
        } catch (IncorrectClaimException e) {
            return FakeKling.envelope(401, e.getClaimName().equals("nbf") ? 1003 : 1000, "Authentication failed: " + e.getMessage());
        } catch (SignatureVerificationException e) {
            return FakeKling.envelope(401, 1000, "Authentication failed");
        } catch (JWTVerificationException e) {
            return FakeKling.envelope(401, 1002, "Authorization is invalid: " + e.getMessage());
        }
        long now = Instant.now().getEpochSecond();
        if (!"JWT".equals(jwt.getType()) || !"HS256".equals(jwt.getAlgorithm())) {
            problems.add("JWT header is not {alg: HS256, typ: JWT}");
            return FakeKling.envelope(401, 1002, "Authorization is invalid");
        }
        if (jwt.getExpiresAt() == null || jwt.getNotBefore() == null) {
            problems.add("JWT lacks exp or nbf");
            return FakeKling.envelope(401, 1002, "Authorization is invalid");
        }
        long exp = jwt.getExpiresAtAsInstant().getEpochSecond();
        long nbf = jwt.getNotBeforeAsInstant().getEpochSecond();
        if (exp - nbf != 1805 || exp > now + 1800 + 2 || exp < now + 5 * 60) {
            problems.add("JWT window is not [now-5 s, now+1800 s] with at least five minutes left: nbf " + (nbf - now) + " s, exp " + (exp - now) + " s");
        }
        return null;
    }
}

package fableforge.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The OpenID Connect provider, through Connect2id's SDK (https://connect2id.com/products/nimbus-oauth-openid-connect-sdk/guides/java-cookbook-for-openid-connect-public-clients):
 * its discovery document (OpenID Connect Discovery 1.0 §4, with the issuer it states checked against
 * OIDC_ISSUER), the authorization code flow's request with state, nonce and PKCE S256 (RFC 7636), the
 * token request with client_secret_basic, and the ID token checked by {@link IDTokenValidator}
 * (signature from the provider's JWKS, iss, aud, exp/iat with a minute's skew, nonce: OpenID Connect
 * Core 1.0 §3.1.3.7). Every call is bounded: discovery and tokens by {@link BoundedHttp}, the key set
 * by the JOSE library's DefaultResourceRetriever (connect and read timeouts, size limit).
 */
public final class OidcClient {

    /** A sign-in the provider vouched for; {@code email} only when the provider says it verified it. */
    public record Identity(String issuer, String subject, String email) {
    }

    /** Why the provider did not vouch for anyone: {@code code} is short and safe to show in a URL. */
    public static final class Refused extends Exception {
        private final String code;

        public Refused(String code, String reason) {
            super(reason);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private static final Duration CONNECT = Duration.ofSeconds(5);
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    /** A discovery document or token answer is a few KiB; a key set a few more. */
    private static final int MAX_BYTES = 256 * 1024;
    /** Discovery is fetched again after this, so a provider's changed endpoints or keys are seen without a restart. */
    private static final Duration REDISCOVER = Duration.ofHours(1);

    private final OidcSettings settings;
    private final Clock clock;
    private final BoundedHttp http = new BoundedHttp(CONNECT, DEADLINE, MAX_BYTES);
    private volatile Provider provider;

    private record Provider(OIDCProviderMetadata metadata, IDTokenValidator validator, Instant fetched) {
    }

    public OidcClient(OidcSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Where to send the browser: the provider's authorization endpoint with this sign-in's state, nonce and PKCE challenge. */
    public URI authorizationUrl(String state, String nonce, String verifier, URI redirectUri) throws Refused {
        return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "email"), new ClientID(settings.clientId()), redirectUri)
                .endpointURI(provider().metadata().getAuthorizationEndpointURI())
                .state(new State(state))
                .nonce(new Nonce(nonce))
                .codeChallenge(new CodeVerifier(verifier), CodeChallengeMethod.S256)
                .build().toURI();
    }

    /**
     * Exchanges the code the browser brought back for the ID token and validates it.
     *
     * @throws Refused {@code oidc_failed} when the exchange or the token fails, {@code oidc_email} without a verified e-mail
     */
    public Identity exchange(String code, String verifier, String nonce, URI redirectUri) throws Refused {
        Provider current = provider();
        TokenRequest request = new TokenRequest(current.metadata().getTokenEndpointURI(),
                new ClientSecretBasic(new ClientID(settings.clientId()), new Secret(settings.clientSecret())),
                new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, new CodeVerifier(verifier)));
        JWT idToken;
        try {
            HTTPResponse answer = request.toHTTPRequest().send(http);
            TokenResponse response = OIDCTokenResponseParser.parse(answer);
            if (!response.indicatesSuccess()) {
                throw new Refused("oidc_failed", "the token endpoint refused the code: "
                        + response.toErrorResponse().getErrorObject().getCode());
            }
            idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
        } catch (IOException | ParseException | ClassCastException e) {
            throw new Refused("oidc_failed", "the token endpoint's answer is unusable (" + e.getClass().getSimpleName() + ")");
        }
        if (idToken == null) {
            throw new Refused("oidc_failed", "the token endpoint sent no ID token");
        }
        IDTokenClaimsSet claims;
        try {
            claims = current.validator().validate(idToken, new Nonce(nonce));
        } catch (BadJOSEException | com.nimbusds.jose.JOSEException e) {
            // The validator's reasons name claims (audience, nonce, expiry), never the token itself.
            throw new Refused("oidc_failed", "the ID token is not valid: " + e.getMessage());
        }
        Object email = claims.getClaim("email");
        Object verified = claims.getClaim("email_verified");
        if (!(email instanceof String address) || address.isBlank() || address.indexOf('@') < 1
                || !(Boolean.TRUE.equals(verified) || "true".equals(verified))) {
            throw new Refused("oidc_email", "the provider did not send a verified e-mail address");
        }
        return new Identity(claims.getIssuer().getValue(), claims.getSubject().getValue(), address.strip());
    }

    /** The provider's endpoints and keys, discovered on first use and again every {@link #REDISCOVER}; a failure is tried again next time. */
    private Provider provider() throws Refused {
        Provider current = provider;
        if (current != null && clock.instant().isBefore(current.fetched().plus(REDISCOVER))) {
            return current;
        }
        synchronized (this) {
            if (provider == current) {
                provider = discover();
            }
            return provider;
        }
    }

    private Provider discover() throws Refused {
        Issuer issuer = new Issuer(settings.issuer().toString());
        OIDCProviderMetadata metadata;
        try {
            HTTPResponse answer = new HTTPRequest(HTTPRequest.Method.GET, OIDCProviderMetadata.resolveURL(issuer)).send(http);
            answer.ensureStatusCode(200);
            metadata = OIDCProviderMetadata.parse(answer.getBodyAsJSONObject());
        } catch (IOException e) {
            // BoundedHttp's own words (over the size limit, past the deadline) or the JDK's (connection refused).
            throw new Refused("oidc_unavailable", "the provider's discovery document could not be read: " + e.getMessage());
        } catch (GeneralException e) {
            throw new Refused("oidc_unavailable", "the provider's discovery document is unusable (" + e.getClass().getSimpleName() + ")");
        }
        // Discovery §4.3: the issuer it states must be exactly the one we asked, or its tokens would be trusted for another.
        if (!issuer.equals(metadata.getIssuer()) || metadata.getAuthorizationEndpointURI() == null
                || metadata.getTokenEndpointURI() == null || metadata.getJWKSetURI() == null) {
            throw new Refused("oidc_unavailable", "the provider's discovery document names another issuer or lacks an endpoint");
        }
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(metadata.getJWKSetURI().toURL(),
                    new DefaultResourceRetriever((int) CONNECT.toMillis(), (int) DEADLINE.toMillis(), MAX_BYTES)).build();
        } catch (MalformedURLException e) {
            throw new Refused("oidc_unavailable", "the provider's key set URL is unusable");
        }
        IDTokenValidator validator = new IDTokenValidator(issuer, new ClientID(settings.clientId()),
                new JWSVerificationKeySelector<>(algorithms(metadata), keys), null);
        return new Provider(metadata, validator, clock.instant());
    }

    /** The asymmetric algorithms the provider signs ID tokens with (RS256 when it does not say): never "none" or an HMAC. */
    private static Set<JWSAlgorithm> algorithms(OIDCProviderMetadata metadata) {
        Set<JWSAlgorithm> algorithms = new HashSet<>();
        if (metadata.getIDTokenJWSAlgs() != null) {
            for (JWSAlgorithm algorithm : metadata.getIDTokenJWSAlgs()) {
                if (JWSAlgorithm.Family.SIGNATURE.contains(algorithm)) {
                    algorithms.add(algorithm);
                }
            }
        }
        if (algorithms.isEmpty()) {
            algorithms.add(JWSAlgorithm.RS256);
        }
        return algorithms;
    }
}

package org.alima.portal.api.accounts;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Access tokens made by a test rather than by the portal, with nimbus-jose-jwt: signed with the test's own signing
 * secret (application-test.yml) or another key, unsigned, expired, or for another audience.
 */
final class ForgedTokens {

    /** The secret of application-test.yml: what the portal signs with in tests. */
    static final String PORTAL_SECRET = "test-signing-secret-of-at-least-thirty-two-bytes-0123456789";

    static final String OTHER_SECRET = "another-service-secret-of-at-least-thirty-two-bytes-0123456789";

    private ForgedTokens() {}

    /** Claims like the portal's for an admin with id {@code subject}, valid for five more minutes. */
    static JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer("portal-api")
                .subject(subject)
                .audience("portal-api")
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("roles", List.of("contributor", "curator", "admin"))
                .claim("email", "admin@portal.test");
    }

    static String signed(JWTClaimsSet.Builder claims, String secret) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    /** The same claims with {@code "alg": "none"} and no signature. */
    static String unsigned(JWTClaimsSet.Builder claims) {
        return new PlainJWT(claims.build()).serialize();
    }

    /** A token whose header says HS256 but whose signature part is empty: a signature stripped off. */
    static String strippedSignature(JWTClaimsSet.Builder claims) {
        String token = signed(claims, PORTAL_SECRET);
        return token.substring(0, token.lastIndexOf('.') + 1);
    }
}

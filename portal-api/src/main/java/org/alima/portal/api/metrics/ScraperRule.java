package org.alima.portal.api.metrics;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.inject.ExecutableMethod;
import io.micronaut.management.endpoint.EndpointSensitivityProcessor;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.ConfigurationInterceptUrlMapRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.security.rules.SensitiveEndpointRule;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * Decides who reads the sensitive management endpoints, of which only Prometheus's is on: the scraper that presented
 * the metrics token ({@link MetricsToken}), and no account, administrators included (403). Anonymous callers are
 * refused by the rule it replaces (401). It runs before the configured intercept-url-map, whose open {@code /** GET}
 * rule would otherwise admit anyone; a disabled endpoint has no route, so this rule passes and the path is a 404.
 * Stateless and thread-safe.
 */
@Singleton
@Replaces(SensitiveEndpointRule.class)
final class ScraperRule extends SensitiveEndpointRule {

    ScraperRule(EndpointSensitivityProcessor endpointSensitivityProcessor) {
        super(endpointSensitivityProcessor);
    }

    @Override
    public int getOrder() {
        return ConfigurationInterceptUrlMapRule.ORDER - 10;
    }

    @Override
    protected Publisher<SecurityRuleResult> checkSensitiveAuthenticated(
            HttpRequest<?> request, Authentication authentication, ExecutableMethod<?, ?> method) {
        return Publishers.just(
                authentication.getRoles().contains(MetricsToken.ROLE)
                        ? SecurityRuleResult.ALLOWED
                        : SecurityRuleResult.REJECTED);
    }
}

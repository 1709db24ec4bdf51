/**
 * The Prometheus endpoint's door: {@code GET /prometheus}, Micronaut's Micrometer endpoint, opened by {@code
 * PORTAL_METRICS_TOKEN} to a scraper that sends it as a bearer token. The meters themselves belong to the feature
 * they measure (the indexing and search packages register theirs; Micronaut's binders measure HTTP, the JVM and the
 * connection pool); their names are listed in portal-api's README.
 */
package org.alima.portal.api.metrics;

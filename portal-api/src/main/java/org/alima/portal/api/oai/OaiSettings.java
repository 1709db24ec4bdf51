package org.alima.portal.api.oai;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * How the portal presents itself to OAI-PMH harvesters ({@code portal.oai.*}). Immutable.
 *
 * @param repositoryIdentifier the domain name in every record's identifier, {@code oai:<it>:<document id>}: set it
 *     once, to a domain the organisation controls, before the first harvest, and never change it (harvesters keep
 *     records by identifier)
 * @param repositoryName the name Identify gives
 * @param baseUrl the address harvesters use, e.g. {@code https://evidence.example.org/oai}; empty: the address of
 *     each request (its Host, and https when the request came over TLS, directly or through a trusted proxy)
 * @param adminEmail who to write to about the repository (Identify's adminEmail)
 * @param pageSize records (or headers) in one response before a resumption token
 */
@ConfigurationProperties("portal.oai")
public record OaiSettings(
        @NotBlank
        @Pattern(
                regexp = "[a-zA-Z][a-zA-Z0-9\\-]*(\\.[a-zA-Z][a-zA-Z0-9\\-]*)+",
                message = "must be a domain name such as evidence.example.org")
        String repositoryIdentifier,

        @NotBlank String repositoryName,
        @Nullable String baseUrl,

        @NotBlank @Pattern(regexp = "\\S+@(\\S+\\.)+\\S+", message = "must be an e-mail address")
        String adminEmail,

        @Min(1) @Max(1000) int pageSize) {}

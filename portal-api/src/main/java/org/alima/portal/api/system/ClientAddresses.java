package org.alima.portal.api.system;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who sent a request: the one place that decides the client address that sign-in throttling, rate limits and the
 * audit log count by, and whether the client reached the portal over HTTPS. Immutable and thread-safe.
 *
 * <p>The address is the socket's peer, which no client can forge. Only when that peer is one of the configured trusted
 * proxies ({@code portal.http.trusted-proxies}: addresses or CIDR ranges, empty by default) does {@code
 * X-Forwarded-For} count, read from the right: each trusted proxy appends the address it received the request from, so
 * the right-most hop that is not a trusted proxy is the client; anything to its left was written by the client and
 * could be anything. Micronaut's {@code client-address-header} takes the left-most value, which the client chooses,
 * and is not used.
 */
@Singleton
public final class ClientAddresses {

    private static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    private final List<IpSubnetFilterRule> trustedProxies;

    ClientAddresses(@Value("${portal.http.trusted-proxies:}") List<String> trustedProxies) {
        this.trustedProxies = new ArrayList<>();
        for (String entry : trustedProxies) {
            String value = entry.strip();
            if (!value.isEmpty()) {
                this.trustedProxies.add(rule(value));
            }
        }
    }

    /** The client's address as text (e.g. {@code 203.0.113.7}, {@code 2001:db8::1}); never null. */
    public String of(HttpRequest<?> request) {
        InetAddress peer = peer(request);
        if (peer == null) {
            return "unknown";
        }
        if (!isTrusted(peer)) {
            return NetUtil.toAddressString(peer);
        }
        List<String> hops = new ArrayList<>();
        for (String header : request.getHeaders().getAll(FORWARDED_FOR)) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = parse(hops.get(i));
            if (hop == null) {
                // Not an address a proxy writes: the client's own invention. The nearest proxy is all that is known.
                break;
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return NetUtil.toAddressString(client);
    }

    /**
     * True when the client reached the portal over HTTPS: the connection itself, or a trusted proxy that terminated
     * TLS and says so in {@code X-Forwarded-Proto}.
     */
    public boolean isHttps(HttpRequest<?> request) {
        if (request.isSecure()) {
            return true;
        }
        InetAddress peer = peer(request);
        if (peer == null || !isTrusted(peer)) {
            return false;
        }
        List<String> values = request.getHeaders().getAll(FORWARDED_PROTO);
        if (values.isEmpty()) {
            return false;
        }
        String[] last = values.get(values.size() - 1).split(",");
        return last[last.length - 1].strip().toLowerCase(Locale.ROOT).equals("https");
    }

    private boolean isTrusted(InetAddress address) {
        InetSocketAddress socket = new InetSocketAddress(address, 0);
        for (IpSubnetFilterRule rule : trustedProxies) {
            if (rule.matches(socket)) {
                return true;
            }
        }
        return false;
    }

    private static InetAddress peer(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null ? null : remote.getAddress();
    }

    /** An IP literal, with an optional port ({@code 1.2.3.4:5678}, {@code [2001:db8::1]:443}); null otherwise. */
    private static InetAddress parse(String hop) {
        String value = hop;
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            value = end < 0 ? value : value.substring(1, end);
        } else if (value.indexOf(':') == value.lastIndexOf(':') && value.indexOf(':') > 0) {
            value = value.substring(0, value.indexOf(':'));
        }
        // Never a name lookup: an IP literal or nothing.
        return NetUtil.createInetAddressFromIpAddressString(value);
    }

    private static IpSubnetFilterRule rule(String entry) {
        String address = entry;
        Integer prefix = null;
        int slash = entry.indexOf('/');
        if (slash >= 0) {
            address = entry.substring(0, slash);
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw invalid(entry);
            }
        }
        InetAddress parsed = NetUtil.createInetAddressFromIpAddressString(address);
        if (parsed == null) {
            throw invalid(entry);
        }
        int bits = parsed.getAddress().length * 8;
        int length = prefix == null ? bits : prefix;
        if (length < 0 || length > bits) {
            throw invalid(entry);
        }
        return new IpSubnetFilterRule(parsed, length, IpFilterRuleType.ACCEPT);
    }

    private static IllegalArgumentException invalid(String entry) {
        return new IllegalArgumentException("portal.http.trusted-proxies: '" + entry + "' is not an IP address or a"
                + " CIDR range such as 10.0.0.0/8 or 2001:db8::/32");
    }
}

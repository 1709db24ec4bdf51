package org.alima.portal.api.access;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Gives a controller method's {@link Viewer} parameter the viewer its request carries, from the authentication that
 * the security filter attached (none: {@link Viewer#ANONYMOUS}). Stateless and thread-safe.
 */
@Singleton
final class ViewerBinder implements TypedRequestArgumentBinder<Viewer> {

    private static final Argument<Viewer> TYPE = Argument.of(Viewer.class);

    @Override
    public Argument<Viewer> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<Viewer> bind(ArgumentConversionContext<Viewer> context, HttpRequest<?> request) {
        Viewer viewer = Viewer.of(request.getUserPrincipal(Authentication.class).orElse(null));
        return () -> Optional.of(viewer);
    }
}

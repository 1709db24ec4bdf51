package org.alima.portal.api.collections;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import jakarta.validation.Valid;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;

/**
 * The HTTP contract of collections, under {@code /api/collections}: routes, parameters and answers.
 * {@link CollectionController} implements it and tests call it through a declarative client; who may do what is the
 * controller's (its {@code @Secured} rules) and {@link Curation}'s.
 *
 * <p>Every route takes the {@link Viewer} the request carries, bound from its token on the server.
 */
interface CollectionsApi {

    @Get
    CollectionResponse.Page list(@QueryValue(defaultValue = "false") boolean featured, Viewer viewer);

    @Post(consumes = MediaType.APPLICATION_JSON)
    HttpResponse<CollectionResponse> create(@Valid @Body CollectionRequest body, Viewer viewer);

    @Get("/{slug}")
    CollectionResponse get(@PathVariable String slug, Viewer viewer);

    @Put(value = "/{slug}", consumes = MediaType.APPLICATION_JSON)
    CollectionResponse replace(@PathVariable String slug, @Valid @Body CollectionRequest body, Viewer viewer);

    @Delete("/{slug}")
    HttpResponse<Void> delete(@PathVariable String slug, Viewer viewer);

    @Post(value = "/{slug}/items", consumes = MediaType.APPLICATION_JSON)
    HttpResponse<ItemResponse> addItem(@PathVariable String slug, @Valid @Body ItemRequest body, Viewer viewer);

    @Patch(value = "/{slug}/items/{documentId}", consumes = MediaType.APPLICATION_JSON)
    ItemResponse changeNote(
            @PathVariable String slug, @PathVariable UUID documentId, @Valid @Body NoteRequest body, Viewer viewer);

    @Delete("/{slug}/items/{documentId}")
    HttpResponse<Void> removeItem(@PathVariable String slug, @PathVariable UUID documentId, Viewer viewer);

    @Put(value = "/{slug}/order", consumes = MediaType.APPLICATION_JSON)
    CollectionResponse reorder(@PathVariable String slug, @Valid @Body OrderRequest body, Viewer viewer);
}

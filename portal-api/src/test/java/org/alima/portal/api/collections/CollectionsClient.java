package org.alima.portal.api.collections;

import io.micronaut.http.client.annotation.Client;

/** The collections contract as tests call it, with typed requests and answers. */
@Client(CollectionController.BASE)
interface CollectionsClient extends CollectionsApi {}

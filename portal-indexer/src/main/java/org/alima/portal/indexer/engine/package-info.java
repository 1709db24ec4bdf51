/**
 * The portal's search engine behind one interface, {@link org.alima.portal.indexer.engine.SearchEngine}: the embedded
 * Lucene index or an OpenSearch cluster, chosen by configuration, with the same behaviour.
 */
package org.alima.portal.indexer.engine;

/**
 * The HTTP edge: what every request meets before a resource sees it. A request no resource takes
 * (TRACE, a body on a method without one, a write to a static file) is refused in JSON, and request
 * bodies are read without holding a worker thread, within a time and a size bound, so that a slow
 * or oversized client costs its own connection and never the node. The decisions ({@link
 * EdgeRules}) are plain Java; the filters only apply them to servlet requests.
 */
package dev.cachet.web.edge;

/**
 * The error families every capability reports through, by what happened: invalid input, unknown, a
 * conflict with stored state, gone for good, not yet, too large, a peer's fault, corrupt stored
 * state. Pure Java, free of HTTP: the web module maps each family to one status in one table, with
 * a JSON body {@code {"error": CODE, "message": …}}. They are declared as application exceptions in
 * {@code META-INF/ejb-jar.xml} so the container never wraps them.
 */
package dev.cachet.error;

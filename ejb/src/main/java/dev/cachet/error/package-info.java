/**
 * The error families every capability reports through. Pure Java: no {@code jakarta.*}. A
 * capability's own exceptions extend exactly one family; the web module maps each family to one
 * HTTP status with a JSON body {@code {"error": CODE, "message": …}}. They are declared as
 * application exceptions in {@code META-INF/ejb-jar.xml} so the container never wraps them.
 */
package dev.cachet.error;

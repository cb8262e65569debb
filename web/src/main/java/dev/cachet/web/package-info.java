/**
 * The web module: JAX-RS resources, DTO records and exception mappers. Resources only translate
 * between HTTP and the beans; they hold no business logic.
 */
package dev.cachet.web;

/**
 * JPA entities: persistence shapes only. They never leave the ejb module's storage adapters, never
 * reach the web module or a pure core package.
 */
package dev.cachet.persistence;

/**
 * What the node needs of its host regardless of capability: its own generated secret files. Pure
 * Java, no {@code jakarta.*}; the datasource and database probe beans live in {@code
 * dev.cachet.node.ejb}.
 */
package dev.cachet.node;

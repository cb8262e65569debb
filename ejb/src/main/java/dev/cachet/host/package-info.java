/**
 * What the node needs of the machine it runs on, below every capability: its data directory
 * (owner-only) and the secret files it creates there. Pure Java, no {@code jakarta.*}; the bean
 * that reads {@code cachet.data-dir} once lives in {@code dev.cachet.host.ejb}.
 */
package dev.cachet.host;

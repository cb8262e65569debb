/**
 * Values made of bytes, shared by the capabilities: what each of them would otherwise write again
 * (copies, equality, hashing, hex). Pure Java.
 */
package dev.cachet.bytes;

/** JMH benchmarks and load drivers; compiled by the build, run by hand. */
package dev.aegis.bench;

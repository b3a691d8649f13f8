/**
 * JDBC implementations of the store ports, for SQLite (the default) and PostgreSQL. {@link dev.aegis.store.JdbcStores}
 * is the entry point; everything else is package-private.
 */
package dev.aegis.store;

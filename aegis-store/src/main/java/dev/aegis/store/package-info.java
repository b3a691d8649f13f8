/** JDBC implementations of the store ports, for SQLite and PostgreSQL. */
package dev.aegis.store;

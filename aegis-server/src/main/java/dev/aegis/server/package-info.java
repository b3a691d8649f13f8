/** The HTTP face of Aegis: API resources, auth, configuration and wiring. */
package dev.aegis.server;

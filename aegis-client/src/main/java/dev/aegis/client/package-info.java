/** The Java SDK that agents and the CLI use to talk to an Aegis server. */
package dev.aegis.client;

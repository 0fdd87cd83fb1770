/**
 * Recognisers for credentials, all reporting type {@code SECRET}: provider-formatted API keys and
 * tokens, PEM and OpenSSH private keys, JWTs, passwords in connection strings, values assigned to
 * credential names ({@code password=...}, {@code "apiKey": "..."}, {@code --password ...}) and
 * base64 key material. Only the secret value is reported, not the name before it, so a masked text
 * still says what was there ({@code password=<SECRET>}).
 */
package io.guardstream.inspect.pii.secret;

package io.guardstream.respond;

import io.guardstream.messages.RequestContext;
import io.guardstream.messages.WorkerResponse;

/**
 * The {@code pending-requests} store's value: what the response path needs of an accepted request
 * (never its prompts), or an answer that arrived before its request was seen.
 *
 * @param context null while only an early answer is known
 * @param earlyAnswer an answer seen before its request, or null
 * @param since when this entry was written (epoch ms), for expiry
 */
public record PendingRequest(RequestContext context, String model, WorkerResponse earlyAnswer, long since) {}

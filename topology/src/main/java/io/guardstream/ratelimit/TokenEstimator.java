package io.guardstream.ratelimit;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import io.guardstream.messages.ChatMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts a chat request's prompt tokens with the model's own tokenizer (jtokkit), the way OpenAI
 * bills them: each message costs its role and content plus {@value #PER_MESSAGE} tokens of framing,
 * and every reply is primed with {@value #REPLY_PRIMING} more.
 *
 * <p>Models jtokkit knows use their encoding; names of the GPT-4o, GPT-4.1, GPT-5 and o-series
 * families (with date suffixes) use o200k_base; any other model, such as an open-weights model behind
 * an OpenAI-compatible server, is estimated with cl100k_base, which counts within about 10 % of
 * Llama's and Mistral's tokenizers on English text. Text is counted as ordinary text, so a prompt
 * that spells out a special token such as {@code <|endoftext|>} is counted, not refused.
 */
public final class TokenEstimator {

  static final int PER_MESSAGE = 3;
  static final int REPLY_PRIMING = 3;
  private static final List<String> O200K_FAMILIES = List.of("gpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "o1", "o3", "o4", "chatgpt-4o");

  private final EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
  private final Map<String, Encoding> byModel = new ConcurrentHashMap<>();

  public long promptTokens(String model, List<ChatMessage> messages) {
    Encoding encoding = encodingFor(model);
    long tokens = REPLY_PRIMING;
    for (ChatMessage m : messages) {
      tokens += PER_MESSAGE + count(encoding, m.role()) + count(encoding, m.content());
    }
    return tokens;
  }

  private Encoding encodingFor(String model) {
    String name = model == null ? "" : model;
    Encoding known = byModel.get(name);
    if (known != null) {
      return known;
    }
    if (byModel.size() > 1_000) {
      byModel.clear(); // model names come from requests: never let them grow the map without bound
    }
    Encoding encoding = registry.getEncodingForModel(name).orElseGet(() -> registry.getEncoding(family(name)));
    byModel.put(name, encoding);
    return encoding;
  }

  private static EncodingType family(String model) {
    String lower = model.toLowerCase(java.util.Locale.ROOT);
    for (String prefix : O200K_FAMILIES) {
      if (lower.startsWith(prefix)) {
        return EncodingType.O200K_BASE;
      }
    }
    return EncodingType.CL100K_BASE;
  }

  private static int count(Encoding encoding, String text) {
    return text == null || text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
  }
}

package io.guardstream.topology;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Secret values planted in a run, and every form in which a leak of one would show: as written,
 * URL-encoded, and base64 (standard and URL alphabets) at each of the three byte alignments it
 * could have inside a longer encoded blob, so that a secret inside an encoded JSON or a Basic
 * authorization header is found too.
 */
final class Canaries {

  /** Shortest encoded fragment searched for: shorter ones could match by chance. */
  private static final int MIN_FRAGMENT = 8;

  private final Map<String, String> forms = new LinkedHashMap<>();

  /** Plants {@code value} under {@code name} (which says what it is in a failure message). */
  Canaries add(String name, String value) {
    forms.put(value, name);
    forms.putIfAbsent(URLEncoder.encode(value, StandardCharsets.UTF_8), name + " (url-encoded)");
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    for (var encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
      for (int shift = 0; shift < 3; shift++) {
        byte[] shifted = new byte[shift + bytes.length];
        System.arraycopy(bytes, 0, shifted, shift, bytes.length);
        String encoded = encoder.encodeToString(shifted);
        // drop the groups that also encode the filler in front or the padding at the end
        String fragment = encoded.substring(shift == 0 ? 0 : 4, Math.max(encoded.length() - 4, 0));
        if (fragment.length() >= MIN_FRAGMENT) {
          forms.putIfAbsent(fragment, name + " (base64, offset " + shift + ")");
        }
      }
    }
    return this;
  }

  /** The canaries found in {@code text}, each as "name (form)". */
  List<String> foundIn(String text) {
    List<String> found = new ArrayList<>();
    for (var form : forms.entrySet()) {
      if (text.contains(form.getKey())) {
        found.add(form.getValue());
      }
    }
    return found;
  }
}

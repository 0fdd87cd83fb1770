package io.guardstream.inspect.pii;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The gazetteers the address recogniser needs, loaded once: street-type words by role (suffix,
 * prefix, ending of a one-word name), unit designators, name connectors, and country names.
 */
final class AddressLexicon {

  private static final String WORDS = "/io/guardstream/inspect/pii/address-words.txt";
  private static final String COUNTRIES = "/io/guardstream/inspect/pii/countries.txt";

  private final Set<String> suffixes = new HashSet<>();
  private final Set<String> europeanSuffixes = new HashSet<>();
  private final Set<String> prefixes = new HashSet<>();
  private final Set<String> lowerCasePrefixes = new HashSet<>();
  private final List<String> endings = new ArrayList<>();
  /** Endings indexed by their last character, so a word is compared with a handful, not all. */
  private final Map<Character, List<String>> endingsByLastChar = new HashMap<>();
  private final Set<String> units = new HashSet<>();
  private final Set<String> moreUnits = new HashSet<>();
  private final Set<String> connectors = new HashSet<>();
  private final Set<String> notNames = new HashSet<>();
  /** Roles of a word, one bit each, so a token is looked up once. */
  static final int SUFFIX = 1;
  static final int EU_SUFFIX = 2;
  static final int PREFIX = 4;
  static final int LOWER_CASE_PREFIX = 8;
  static final int ENDING = 16;
  static final int UNIT = 32;
  static final int ANY_UNIT = 64;
  static final int CONNECTOR = 128;
  static final int NOT_A_NAME = 256;
  static final int COUNTRY_START = 512;
  private final Map<String, Integer> roles = new HashMap<>();

  /** Country names as lower-case word arrays, indexed by their first word, longest first. */
  private final Map<String, List<String[]>> countriesByFirstWord = new HashMap<>();

  AddressLexicon() {
    Set<String> section = null;
    for (String line : read(WORDS)) {
      if (line.startsWith("[")) {
        section = switch (line) {
          case "[suffix]" -> suffixes;
          case "[suffix-eu]" -> europeanSuffixes;
          case "[prefix]" -> prefixes;
          case "[prefix-lower-case]" -> lowerCasePrefixes;
          case "[unit]" -> units;
          case "[unit-in-address]" -> moreUnits;
          case "[connector]" -> connectors;
          case "[not-a-name]" -> notNames;
          case "[ending]" -> new HashSet<>();
          default -> throw new IllegalStateException(WORDS + ": unknown section " + line);
        };
        if (line.equals("[ending]")) {
          section = null;
        }
        continue;
      }
      for (String word : line.split("\\s+")) {
        if (section != null) {
          section.add(word);
        } else {
          endings.add(word);
        }
      }
    }
    for (String ending : endings) {
      endingsByLastChar.computeIfAbsent(ending.charAt(ending.length() - 1), k -> new ArrayList<>()).add(ending);
    }
    for (String line : read(COUNTRIES)) {
      String[] words = line.toLowerCase(Locale.ROOT).replace("(", " ").replace(")", " ").strip().split("\\s+");
      countriesByFirstWord.computeIfAbsent(words[0], k -> new ArrayList<>()).add(words);
    }
    for (List<String[]> names : countriesByFirstWord.values()) {
      names.sort((a, b) -> Integer.compare(b.length, a.length));
    }
    addRole(suffixes, SUFFIX);
    addRole(europeanSuffixes, EU_SUFFIX);
    addRole(prefixes, PREFIX);
    addRole(lowerCasePrefixes, PREFIX | LOWER_CASE_PREFIX);
    addRole(units, UNIT | ANY_UNIT);
    addRole(moreUnits, ANY_UNIT);
    addRole(connectors, CONNECTOR);
    addRole(notNames, NOT_A_NAME);
    addRole(countriesByFirstWord.keySet(), COUNTRY_START);
  }

  private void addRole(Set<String> words, int role) {
    for (String w : words) {
      roles.merge(w, role, (a, b) -> a | b);
    }
  }

  /** All roles of a lower-case word as bits, the street-name ending included. */
  int roles(String lower) {
    int r = roles.getOrDefault(lower, 0);
    return hasStreetEnding(lower) ? r | ENDING : r;
  }

  /** An English street type, written after the name with the house number first: Benedum Drive. */
  boolean isSuffix(String lower) {
    return suffixes.contains(lower);
  }

  /** A European street type after the name, with the house number after it: Trenerys gate 232. */
  boolean isEuropeanSuffix(String lower) {
    return europeanSuffixes.contains(lower);
  }

  boolean isPrefix(String lower) {
    return prefixes.contains(lower) || lowerCasePrefixes.contains(lower);
  }

  /** A prefix that is written in lower case (rue, ul.); the others must be capitalised (Via, Calle). */
  boolean isLowerCasePrefix(String lower) {
    return lowerCasePrefixes.contains(lower);
  }

  /** A one-word street name: Wiesenstrasse, Ringvej, Kaarikatu (the ending plus a stem of 3+). */
  boolean hasStreetEnding(String lower) {
    if (lower.length() < 5) {
      return false;
    }
    for (String ending : endingsByLastChar.getOrDefault(lower.charAt(lower.length() - 1), List.of())) {
      if (lower.length() >= ending.length() + 3 && lower.endsWith(ending)) {
        return true;
      }
    }
    return false;
  }

  /** A unit designator strong enough to anchor an address: Apt, Suite, Unit, PSC. */
  boolean isUnit(String lower) {
    return units.contains(lower);
  }

  /** Any unit designator, including those that only continue an address (Box, Floor). */
  boolean isAnyUnit(String lower) {
    return units.contains(lower) || moreUnits.contains(lower);
  }

  boolean isConnector(String lower) {
    return connectors.contains(lower);
  }

  boolean isNotAName(String lower) {
    return notNames.contains(lower);
  }

  /** Candidate country names whose first word is {@code lowerFirstWord}, longest first. */
  List<String[]> countriesStartingWith(String lowerFirstWord) {
    return countriesByFirstWord.getOrDefault(lowerFirstWord, List.of());
  }

  private static List<String> read(String resource) {
    List<String> lines = new ArrayList<>();
    try (InputStream in = AddressLexicon.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        line = line.strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  @Override
  public String toString() {
    return "AddressLexicon" + Arrays.asList(suffixes.size(), prefixes.size(), endings.size(), countriesByFirstWord.size());
  }
}

package dev.cachet.committee;

import dev.cachet.node.IdentityKey;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The members of one epoch, in ascending order of identity key (the order every protocol uses), and
 * their stake. Two committees are equal when they have the same epoch and the same members, in
 * whatever order they were given.
 */
public final class Committee {

  /** At most this many members. */
  public static final int MAX_MEMBERS = 1000;

  /** A member's name is at most this many characters. */
  public static final int MAX_NAME = 128;

  /**
   * A member's URL is at most this many characters: well beyond {@code https://}, the longest DNS
   * name (253) and a port, and well within the codec's 16-bit length.
   */
  public static final int MAX_URL = 512;

  /** The highest TCP port. */
  private static final int MAX_PORT = 65_535;

  private final long epoch;
  private final List<Member> members;
  private final Map<IdentityKey, Member> byKey;
  private final Quorum quorum;

  private Committee(long epoch, List<Member> members, long total) {
    this.epoch = epoch;
    this.members = List.copyOf(members);
    this.byKey =
        members.stream()
            .collect(Collectors.toUnmodifiableMap(Member::identityKey, Function.identity()));
    this.quorum = new Quorum(total);
  }

  /**
   * The committee of {@code members} for {@code epoch}.
   *
   * @throws InvalidCommitteeException if there are no members or more than {@value #MAX_MEMBERS},
   *     an identity key appears twice, a stake is not positive, the stakes do not sum within a
   *     signed 64-bit integer, a name is blank or too long, or a URL is not {@code
   *     http(s)://host:port}; each URL is kept in its canonical form ({@link #parseUrl})
   */
  public static Committee of(long epoch, Collection<Member> members) {
    if (epoch < 0) {
      throw new InvalidCommitteeException("an epoch is not negative: " + epoch);
    }
    if (members.isEmpty()) {
      throw new InvalidCommitteeException("a committee has at least one member");
    }
    if (members.size() > MAX_MEMBERS) {
      throw new InvalidCommitteeException(
          "a committee has at most " + MAX_MEMBERS + " members, not " + members.size());
    }
    Set<IdentityKey> seen = new HashSet<>();
    Set<Long> validators = new HashSet<>();
    List<Member> canonical = new ArrayList<>(members.size());
    long total = 0;
    for (Member member : members) {
      if (!seen.add(member.identityKey())) {
        throw new InvalidCommitteeException(
            "identity key " + member.identityKey() + " appears more than once");
      }
      if (member.stake() <= 0) {
        throw new InvalidCommitteeException(
            "member "
                + member.identityKey()
                + " has stake "
                + member.stake()
                + "; stake is positive");
      }
      try {
        total = Math.addExact(total, member.stake());
      } catch (ArithmeticException e) {
        throw new InvalidCommitteeException("the stakes sum beyond 2^63 - 1");
      }
      checkName(member);
      if (member.duty().isPresent() && !validators.add(member.duty().get().validatorIndex())) {
        throw new InvalidCommitteeException(
            "validator " + member.duty().get().validatorIndex() + " appears more than once");
      }
      canonical.add(
          new Member(
              member.name(),
              member.identityKey(),
              member.stake(),
              checkUrl(member.url()),
              member.duty()));
    }
    canonical.sort(Comparator.comparing(Member::identityKey));
    return new Committee(epoch, canonical, total);
  }

  private static void checkName(Member member) {
    String name = member.name();
    if (name.isBlank()
        || name.length() > MAX_NAME
        || name.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidCommitteeException(
          "member "
              + member.identityKey()
              + " needs a name of 1 to "
              + MAX_NAME
              + " printable characters");
    }
  }

  /**
   * A peer base URL: {@code http} or {@code https}, a host, a port (1 to 65535), nothing else, at
   * most {@value #MAX_URL} characters; returned in its canonical form, the host in lower case and
   * the port without leading zeros. Two URLs that {@link URI#equals} calls equal (it ignores the
   * host's case) then have the same canonical bytes, so equal committees encode alike.
   */
  static URI checkUrl(URI url) {
    boolean valid =
        url.isAbsolute()
            && !url.isOpaque()
            && ("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
            && url.getHost() != null
            && url.getPort() > 0
            && url.getPort() <= MAX_PORT
            && url.getRawUserInfo() == null
            && (url.getRawPath() == null || url.getRawPath().isEmpty())
            && url.getRawQuery() == null
            && url.getRawFragment() == null
            && url.toString().length() <= MAX_URL;
    if (!valid) {
      throw new InvalidCommitteeException(
          "a member's url is http://host:port (or https), without path, query or credentials,"
              + " at most "
              + MAX_URL
              + " characters: "
              + abbreviated(url.toString()));
    }
    return URI.create(
        url.getScheme() + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + url.getPort());
  }

  /**
   * Parses a member's URL, into its canonical form.
   *
   * @throws InvalidCommitteeException if it is not {@code http(s)://host:port}
   */
  public static URI parseUrl(String text) {
    URI url;
    try {
      url = new URI(text);
    } catch (java.net.URISyntaxException | NullPointerException e) {
      throw new InvalidCommitteeException(
          "a member's url is http://host:port: " + abbreviated(String.valueOf(text)));
    }
    return checkUrl(url);
  }

  /** A refused URL as a message quotes it: not all of a very long one. */
  private static String abbreviated(String text) {
    return text.length() <= MAX_URL ? text : text.substring(0, MAX_URL) + "...";
  }

  public long epoch() {
    return epoch;
  }

  /** The members in ascending order of identity key. */
  public List<Member> members() {
    return members;
  }

  public Optional<Member> member(IdentityKey key) {
    return Optional.ofNullable(byKey.get(key));
  }

  public boolean contains(IdentityKey key) {
    return byKey.containsKey(key);
  }

  /** The members with a checkpoint duty, in ascending order of identity key. */
  public List<Member> validators() {
    return members.stream().filter(m -> m.duty().isPresent()).toList();
  }

  /**
   * The proposer of {@code slot}: the member at position {@code slot mod m} among the {@code m}
   * members with a checkpoint duty, ordered by identity key; empty if none has one.
   */
  public Optional<Member> proposerOf(long slot) {
    List<Member> validators = validators();
    if (validators.isEmpty() || slot < 0) {
      return Optional.empty();
    }
    return Optional.of(validators.get((int) (slot % validators.size())));
  }

  public Quorum quorum() {
    return quorum;
  }

  public long totalStake() {
    return quorum.totalStake();
  }

  /** The stake of those of {@code keys} that are members; other keys count nothing. */
  public long stakeOf(Collection<IdentityKey> keys) {
    long stake = 0;
    for (IdentityKey key : new HashSet<>(keys)) {
      Member member = byKey.get(key);
      if (member != null) {
        stake += member.stake();
      }
    }
    return stake;
  }

  public boolean isQuorum(Collection<IdentityKey> keys) {
    return quorum.isQuorum(stakeOf(keys));
  }

  public boolean isValidity(Collection<IdentityKey> keys) {
    return quorum.isValidity(stakeOf(keys));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Committee other && epoch == other.epoch && members.equals(other.members);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(epoch) * 31 + members.hashCode();
  }

  @Override
  public String toString() {
    return "committee of epoch "
        + epoch
        + " ("
        + members.size()
        + " members, stake "
        + totalStake()
        + ")";
  }
}

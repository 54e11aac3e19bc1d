package dev.tracemill.privacy;

import java.util.List;

/**
 * The built-in entity type names. Types are strings, not an enum, because organisation dictionaries
 * bring their own (for example {@code CUSTOMER} or {@code PROJECT}).
 */
public final class EntityTypes {
  public static final String EMAIL = "EMAIL";
  public static final String PHONE = "PHONE";
  public static final String CREDIT_CARD = "CREDIT_CARD";
  public static final String IBAN = "IBAN";
  public static final String US_SSN = "US_SSN";
  public static final String IP_ADDRESS = "IP_ADDRESS";
  public static final String MAC_ADDRESS = "MAC_ADDRESS";
  /** {@code user:password@host} in a URL. */
  public static final String URL_CREDENTIALS = "URL_CREDENTIALS";
  /** The value of a secret-bearing query parameter ({@code token=}, {@code api_key=}, {@code sig=}). */
  public static final String URL_SECRET_PARAM = "URL_SECRET_PARAM";
  public static final String DATE_OF_BIRTH = "DATE_OF_BIRTH";
  /** A credential: provider API keys and tokens, private keys, passwords. */
  public static final String SECRET = "SECRET";
  public static final String PERSON = "PERSON";
  public static final String LOCATION = "LOCATION";
  public static final String ORGANIZATION = "ORGANIZATION";

  public static final List<String> BUILT_IN = List.of(EMAIL, PHONE, CREDIT_CARD, IBAN, US_SSN, IP_ADDRESS,
      MAC_ADDRESS, URL_CREDENTIALS, URL_SECRET_PARAM, DATE_OF_BIRTH, SECRET, PERSON, LOCATION,
      ORGANIZATION);

  private EntityTypes() {}
}

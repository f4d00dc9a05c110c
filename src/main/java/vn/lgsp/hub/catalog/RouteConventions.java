package vn.lgsp.hub.catalog;

/**
 * The conventions by which a route says what it is: which route configuration makes it a service
 * or a metaservice, which route property names its service, which route answers unknown paths,
 * which input names are a subject. Routes, the engine, the directory and operations read them
 * here, from the catalogue, instead of borrowing them from the gate.
 */
public final class RouteConventions {

  /** The route configuration of every published service (the gate, the finisher, the problem answer). */
  public static final String SERVICE_CONFIGURATION = "xroad-service";

  /** Metaservices (directory): authenticated and logged, but open to every client. */
  public static final String METASERVICE_CONFIGURATION = "xroad-metaservice";

  /** The route that answers paths no service route claims. */
  public static final String UNKNOWN_SERVICE_ROUTE = "xroad-unknown-service";

  /** Route property naming the service of a route whose path is not an X-Road service path. */
  public static final String SERVICE_PROPERTY = "hub.service";

  /** Path parameters and top-level JSON fields of this name are personal IDs: the subject. */
  public static final String SUBJECT_PARAMETER = "personalId";

  /** A path parameter of this name is a personal ID or a legacy tax code: the subject too. */
  public static final String TAX_SUBJECT_PARAMETER = "taxId";

  private RouteConventions() {}
}

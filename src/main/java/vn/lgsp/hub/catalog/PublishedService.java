package vn.lgsp.hub.catalog;

import vn.lgsp.hub.connectors.ConnectorDescriptor;
import vn.lgsp.hub.protocol.Bilingual;
import vn.lgsp.hub.protocol.ServiceId;

/**
 * One endpoint of a published service as the directory shows it.
 *
 * @param method the HTTP method
 * @param path the path below the service, e.g. {@code /{personalId}}
 * @param connectorId the connector the route calls, null if it calls none (a composite)
 * @param operation the backend operation the route calls, null if it calls none
 * @param title what people read for it, in Vietnamese and English (see {@link ServiceTexts})
 * @param description a sentence or two more, in both languages
 */
public record PublishedService(
    ServiceId service, String routeId, String method, String path, String connectorId,
    ConnectorDescriptor.Operation operation, Bilingual title, Bilingual description) {}

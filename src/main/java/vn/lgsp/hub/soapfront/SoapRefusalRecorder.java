package vn.lgsp.hub.soapfront;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;
import javax.xml.namespace.QName;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.headers.Header;
import org.apache.cxf.interceptor.StaxOutInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;
import vn.lgsp.hub.edge.EdgeRefusals;
import vn.lgsp.hub.edge.ProblemWriter;
import vn.lgsp.hub.protocol.CallerLanguage;
import vn.lgsp.hub.protocol.XRoadHeaders;

/**
 * Logs every refusal of the SOAP front that no REST exchange recorded: CXF's own (XML that is
 * malformed or beyond the limits, a content type that is not SOAP 1.1) and the front's (a missing,
 * malformed or unknown service, no or the wrong request element, an unacceptable header). The
 * fault is rewritten as the hub's problem type with the exchange's id (the caller's, else a new
 * one, also answered as {@code X-Road-Id}), and its record is published before the fault leaves.
 * Faults of exchanges the REST front answered ({@link HubSoapEndpoint.RecordedFault}) pass.
 */
@Component
class SoapRefusalRecorder extends AbstractPhaseInterceptor<SoapMessage> {

  private final EdgeRefusals refusals;
  private final ProblemWriter problems;
  private final Clock clock;

  SoapRefusalRecorder(EdgeRefusals refusals, ProblemWriter problems, Clock clock) {
    // before the fault is serialised, once the transport's output stream exists
    super(Phase.PRE_STREAM);
    addBefore(StaxOutInterceptor.class.getName());
    this.refusals = refusals;
    this.problems = problems;
    this.clock = clock;
  }

  @Override
  public void handleMessage(SoapMessage fault) {
    Exception exception = fault.getContent(Exception.class);
    Message in = fault.getExchange().getInMessage();
    HttpServletRequest request = in == null ? null
        : in.get(AbstractHTTPDestination.HTTP_REQUEST) instanceof HttpServletRequest r ? r : null;
    Locale language = CallerLanguage.of(request == null ? null : request.getHeader(CallerLanguage.HEADER));
    if (request == null || SoapProblem.causedBy(exception, HubSoapEndpoint.RecordedFault.class)) {
      if (exception instanceof Fault relayed) {
        relayed.setLang(language.toLanguageTag()); // faultstring's xml:lang
      }
      return;
    }
    SoapProblem problem = SoapProblem.of(exception);
    XRoadSoapHeaders caller = XRoadSoapHeaders.forRecord(name -> header(in, name));
    fault.setContent(Exception.class, problems.cxfSoapFault(problem.type(), problem.detail(), caller.id(), language));
    if (in.get(AbstractHTTPDestination.HTTP_RESPONSE) instanceof HttpServletResponse response) {
      response.setHeader(XRoadHeaders.ID, caller.id());
      response.setHeader(XRoadHeaders.ERROR, problem.type().code());
    }
    Instant started = in.get(SoapRequestStart.STARTED) instanceof Instant at ? at : clock.instant();
    EdgeRefusals.Refusal refusal = new EdgeRefusals.Refusal(problem.type(), caller.id(), caller.client(), caller.service(),
        Math.max(0, request.getContentLengthLong()), started);
    OutputStream out = fault.getContent(OutputStream.class);
    if (out == null) {
      refusals.record(request, refusal, new byte[0]);
    } else {
      fault.setContent(OutputStream.class, new RecordBeforeSending(out, answer -> refusals.record(request, refusal, answer)));
    }
  }

  /** An X-Road header element of the request as CXF parsed it, if it got that far. */
  private static Element header(Message in, String localName) {
    if (in instanceof SoapMessage soap) {
      for (Header h : soap.getHeaders()) {
        if (h.getObject() instanceof Element e && new QName(XRoadSoapHeaders.XROAD, localName).equals(h.getName())) {
          return e;
        }
      }
    }
    return null;
  }

  /** Holds the fault back until it is complete, records it, then sends it: no answer without its record. */
  private static final class RecordBeforeSending extends FilterOutputStream {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final Consumer<byte[]> record;
    private boolean closed;

    RecordBeforeSending(OutputStream out, Consumer<byte[]> record) {
      super(out);
      this.record = record;
    }

    @Override
    public void write(int b) {
      buffer.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      buffer.write(b, off, len);
    }

    @Override
    public void flush() {
      // nothing leaves before close
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      byte[] answer = buffer.toByteArray();
      record.accept(answer);
      out.write(answer);
      out.close();
    }
  }
}

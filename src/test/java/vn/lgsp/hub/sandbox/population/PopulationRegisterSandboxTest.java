package vn.lgsp.hub.sandbox.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.xml.ws.BindingProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vn.lgsp.hub.sandbox.population.ws.CitizenNotFoundFault;
import vn.lgsp.hub.sandbox.population.ws.GetCitizenInfoRequest;
import vn.lgsp.hub.sandbox.population.ws.GetHouseholdRequest;
import vn.lgsp.hub.sandbox.population.ws.GetResidenceRequest;
import vn.lgsp.hub.sandbox.population.ws.InvalidRequestFault;
import vn.lgsp.hub.sandbox.population.ws.PopulationRegister;
import vn.lgsp.hub.sandbox.population.ws.PopulationRegisterService;
import vn.lgsp.hub.sandbox.population.ws.VerifiedField;
import vn.lgsp.hub.sandbox.population.ws.VerifyCitizenRequest;
import vn.lgsp.hub.sandbox.population.ws.VerifyCitizenResponse;

/** Starts the sandbox on a free port and talks to it over HTTP, as the hub and its users would. */
class PopulationRegisterSandboxTest {

  private static final String WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";
  private static final String SOAP_NS = "http://schemas.xmlsoap.org/wsdl/soap/";
  private static final String MAN_1985 = "001085000123";
  private static final String NOBODY = "001085999999";

  private static final SyntheticPopulation POPULATION = new SyntheticPopulation();
  private static final DatatypeFactory DATATYPES = DatatypeFactory.newDefaultInstance();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static PopulationRegisterSandbox sandbox;
  private static PopulationRegister client;

  @BeforeAll
  static void start() throws Exception {
    sandbox = new PopulationRegisterSandbox(0);
    sandbox.start();
    // a plain JAX-WS client from the generated classes, reading the WSDL the sandbox serves
    client = new PopulationRegisterService(new URL(sandbox.address() + "?wsdl")).getPopulationRegisterPort();
  }

  @AfterAll
  static void stop() throws Exception {
    if (client instanceof AutoCloseable closeable) {
      closeable.close();
    }
    sandbox.close();
  }

  @Test
  void listensOnLoopbackAtTheDocumentedPath() {
    assertThat(sandbox.port()).isPositive();
    assertThat(sandbox.address()).isEqualTo("http://127.0.0.1:" + sandbox.port() + "/population-register");
    assertThat(sandbox.isRunning()).isTrue();
    assertThat(((BindingProvider) client).getRequestContext().get(BindingProvider.ENDPOINT_ADDRESS_PROPERTY))
        .isEqualTo(sandbox.address());
  }

  @Test
  void servesAWsdlWithTheFourOperationsAndTheirFaults() throws Exception {
    HttpResponse<String> response = get(sandbox.address() + "?wsdl");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Server")).as("no server version disclosed").isEmpty();
    Document wsdl = parse(response.body());
    Element definitions = wsdl.getDocumentElement();
    assertThat(definitions.getAttribute("targetNamespace")).isEqualTo("urn:vn:gov:bca:dancu:v1");

    Element portType = (Element) wsdl.getElementsByTagNameNS(WSDL_NS, "portType").item(0);
    assertThat(portType.getAttribute("name")).isEqualTo("PopulationRegister");
    List<String> operations = new ArrayList<>();
    NodeList operationNodes = portType.getElementsByTagNameNS(WSDL_NS, "operation");
    for (int i = 0; i < operationNodes.getLength(); i++) {
      Element operation = (Element) operationNodes.item(i);
      operations.add(operation.getAttribute("name"));
      assertThat(names(operation.getElementsByTagNameNS(WSDL_NS, "fault")))
          .containsExactlyInAnyOrder("CitizenNotFoundFault", "InvalidRequestFault");
    }
    assertThat(operations)
        .containsExactlyInAnyOrder("GetCitizenInfo", "VerifyCitizen", "GetResidence", "GetHousehold");

    assertThat(names(wsdl.getElementsByTagNameNS(WSDL_NS, "service"))).containsExactly("PopulationRegisterService");
    assertThat(names(wsdl.getElementsByTagNameNS(WSDL_NS, "port"))).containsExactly("PopulationRegisterPort");
    Element address = (Element) wsdl.getElementsByTagNameNS(SOAP_NS, "address").item(0);
    assertThat(address.getAttribute("location")).isEqualTo(sandbox.address());
  }

  @Test
  void getCitizenInfoReturnsTheSyntheticPerson() throws Exception {
    Citizen expected = POPULATION.find(MAN_1985).orElseThrow();

    var citizen = client.getCitizenInfo(citizenRequest(MAN_1985)).getCitizen();

    assertThat(citizen.getPersonalId()).isEqualTo(MAN_1985);
    assertThat(citizen.getFullName()).isEqualTo(expected.fullName()).isEqualTo("Đỗ Công Sơn");
    assertThat(citizen.getDateOfBirth().toXMLFormat()).isEqualTo(expected.dateOfBirth().toString());
    assertThat(citizen.getSex().value()).isEqualTo("male");
    assertThat(citizen.getNationality()).isEqualTo("VN");
    assertThat(citizen.getEthnicity()).isEqualTo(expected.ethnicity());
    assertThat(citizen.getPlaceOfOrigin()).isEqualTo(expected.placeOfOrigin());
    assertThat(citizen.getPermanentAddress().getProvince()).isEqualTo("Hà Nội");
    assertThat(citizen.getPermanentAddress().getProvinceCode()).isEqualTo("001");
    assertThat(citizen.getPermanentAddress().getLine()).isEqualTo(expected.permanentAddress().line());
    assertThat(citizen.getPermanentAddress().getWard()).isEqualTo(expected.permanentAddress().ward());
    assertThat(citizen.getPermanentAddress().getFull()).isEqualTo(expected.permanentAddress().full());
    assertThat(citizen.getCurrentAddress().getFull()).isEqualTo(expected.currentAddress().full());
    assertThat(citizen.getHouseholdId()).isEqualTo(expected.householdId());
  }

  @Test
  void verifyCitizenReportsTheFieldsThatDiffer() throws Exception {
    Citizen person = POPULATION.find(MAN_1985).orElseThrow();
    String dob = person.dateOfBirth().toString();

    VerifyCitizenResponse same = client.verifyCitizen(verifyRequest(MAN_1985, "  đỗ   CÔNG sơn ", dob));
    assertThat(same.isMatch()).isTrue();
    assertThat(same.getMismatchedField()).isEmpty();

    VerifyCitizenResponse wrongDate = client.verifyCitizen(
        verifyRequest(MAN_1985, person.fullName(), person.dateOfBirth().plusDays(1).toString()));
    assertThat(wrongDate.isMatch()).isFalse();
    assertThat(wrongDate.getMismatchedField()).containsExactly(VerifiedField.DATE_OF_BIRTH);

    VerifyCitizenResponse bothWrong = client.verifyCitizen(verifyRequest(MAN_1985, "Do Cong Son", "1985-01-01"));
    assertThat(bothWrong.isMatch()).isFalse();
    assertThat(bothWrong.getMismatchedField()).containsExactly(VerifiedField.FULL_NAME, VerifiedField.DATE_OF_BIRTH);
  }

  @Test
  void getResidenceOfSomeoneLivingAwayIsTemporary() throws Exception {
    String id = someoneLivingAway();
    Residence expected = POPULATION.residence(id).orElseThrow();

    var residence = client.getResidence(residenceRequest(id)).getResidence();

    assertThat(residence.getResidenceType().value()).isEqualTo("temporary");
    assertThat(residence.getCurrentAddress().getProvinceCode())
        .isNotEqualTo(residence.getPermanentAddress().getProvinceCode());
    assertThat(residence.getFullName()).isEqualTo(expected.fullName());
    assertThat(residence.getRegisteredSince().toXMLFormat()).isEqualTo(expected.registeredSince().toString());
    assertThat(residence.getHouseholdId()).isEqualTo(expected.householdId());
    assertThat(residence.getHouseholdHeadName()).isEqualTo(expected.householdHeadName());
    assertThat(residence.getRelationshipToHead().value()).isEqualTo(expected.relationshipToHead().code());
    assertThat(residence.getConfirmationNumber()).isEqualTo(expected.confirmationNumber());
    assertThat(residence.getIssuingAuthority()).startsWith("Công an ").isEqualTo(expected.issuingAuthority());
  }

  @Test
  void getResidenceOfSomeoneAtHomeIsPermanent() throws Exception {
    var residence = client.getResidence(residenceRequest(MAN_1985)).getResidence();

    assertThat(residence.getResidenceType().value()).isEqualTo("permanent");
    assertThat(residence.getCurrentAddress().getFull()).isEqualTo(residence.getPermanentAddress().getFull());
  }

  @Test
  void getHouseholdListsTheMembersHeadFirst() throws Exception {
    Household expected = POPULATION.household(MAN_1985).orElseThrow();
    assertThat(expected.members()).hasSizeGreaterThan(1);

    var household = client.getHousehold(householdRequest(MAN_1985)).getHousehold();

    assertThat(household.getHouseholdId()).isEqualTo(expected.householdId());
    assertThat(household.getAddress().getFull()).isEqualTo(expected.address().full());
    assertThat(household.getMember()).extracting(m -> m.getPersonalId())
        .containsExactlyElementsOf(expected.members().stream().map(HouseholdMember::personalId).toList());
    assertThat(household.getMember()).extracting(m -> m.getRelationshipToHead().value())
        .containsExactlyElementsOf(expected.members().stream().map(m -> m.relationshipToHead().code()).toList());
    assertThat(household.getMember()).extracting(m -> m.getSex().value())
        .containsExactlyElementsOf(expected.members().stream().map(m -> m.sex().code()).toList());
    assertThat(household.getMember().get(0).getRelationshipToHead().value()).isEqualTo("head");
  }

  @Test
  void everyOperationFaultsForAPersonWhoDoesNotExist() {
    List<ThrowingConsumer<String>> calls = List.of(
        id -> client.getCitizenInfo(citizenRequest(id)),
        id -> client.verifyCitizen(verifyRequest(id, "Nguyễn Văn An", "1985-01-01")),
        id -> client.getResidence(residenceRequest(id)),
        id -> client.getHousehold(householdRequest(id)));
    for (ThrowingConsumer<String> call : calls) {
      assertThatThrownBy(() -> call.accept(NOBODY))
          .isInstanceOfSatisfying(CitizenNotFoundFault.class, fault ->
              assertThat(fault.getFaultInfo().getPersonalId()).isEqualTo(NOBODY));
    }
  }

  @Test
  void everyOperationFaultsForAMalformedId() {
    List<ThrowingConsumer<String>> calls = List.of(
        id -> client.getCitizenInfo(citizenRequest(id)),
        id -> client.verifyCitizen(verifyRequest(id, "Nguyễn Văn An", "1985-01-01")),
        id -> client.getResidence(residenceRequest(id)),
        id -> client.getHousehold(householdRequest(id)));
    for (ThrowingConsumer<String> call : calls) {
      assertThatThrownBy(() -> call.accept("12345"))
          .isInstanceOfSatisfying(InvalidRequestFault.class, fault ->
              assertThat(fault.getFaultInfo().getReason()).isEqualTo("personalId must be exactly 12 digits"));
    }
  }

  @Test
  void aDeclaredFaultOnTheWireCarriesNoStackTrace() throws Exception {
    HttpResponse<String> response = post(envelope(
        "<d:GetCitizenInfoRequest><d:personalId>" + NOBODY + "</d:personalId></d:GetCitizenInfoRequest>"));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body())
        .contains("<faultstring>Citizen not found</faultstring>")
        .contains(NOBODY)
        .doesNotContain("stackTrace", "Exception", "\tat ", "vn.lgsp");
  }

  @Test
  void anUndeclaredFaultOnTheWireSaysNothingOfTheInternals() throws Exception {
    HttpResponse<String> response = post(envelope("<d:NoSuchOperation><d:x>1</d:x></d:NoSuchOperation>"));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body())
        .contains("<faultstring>" + FaultSanitizer.CLIENT_MESSAGE + "</faultstring>")
        .contains("Client</faultcode>")
        .doesNotContain("NoSuchOperation", "stackTrace", "Exception", "\tat ", "<detail");
  }

  @Test
  void aSandboxHasItsOwnBusAndFreesItsPortWhenStopped() throws Exception {
    PopulationRegisterSandbox second = new PopulationRegisterSandbox(0);
    int port = second.port();
    Bus savedDefault = BusFactory.getDefaultBus(false);
    Bus savedThreadDefault = BusFactory.getThreadDefaultBus(false);
    try {
      // with no default bus around, CXF would make the first bus created the default
      BusFactory.setDefaultBus(null);
      BusFactory.setThreadDefaultBus(null);
      second.start();
      second.start();
      assertThat(BusFactory.getDefaultBus(false)).isNull();
      assertThat(BusFactory.getThreadDefaultBus(false)).isNull();
      BusFactory.setDefaultBus(savedDefault);
      BusFactory.setThreadDefaultBus(savedThreadDefault);

      assertThat(get(second.address() + "?wsdl").statusCode()).isEqualTo(200);

      second.stop();
      second.stop();
      assertThat(second.isRunning()).isFalse();
      assertThatThrownBy(() -> get(second.address() + "?wsdl")).isInstanceOf(ConnectException.class);

      // the port is free again: the same sandbox starts once more on it
      second.start();
      assertThat(second.port()).isEqualTo(port);
      assertThat(get(second.address() + "?wsdl").statusCode()).isEqualTo(200);
    } finally {
      second.close();
      BusFactory.setDefaultBus(savedDefault);
      BusFactory.setThreadDefaultBus(savedThreadDefault);
    }
    // the first sandbox was not disturbed
    assertThat(client.getCitizenInfo(citizenRequest(MAN_1985)).getCitizen().getPersonalId()).isEqualTo(MAN_1985);
  }

  @Test
  void aSecondSandboxOnATakenPortFailsToStartAndLeavesTheFirstAlone() throws Exception {
    try (PopulationRegisterSandbox clash = new PopulationRegisterSandbox(sandbox.port())) {
      assertThatThrownBy(clash::start).isInstanceOf(IllegalStateException.class);
      assertThat(clash.isRunning()).isFalse();
    }
    assertThat(get(sandbox.address() + "?wsdl").statusCode()).isEqualTo(200);
    assertThat(client.getCitizenInfo(citizenRequest(MAN_1985)).getCitizen().getPersonalId()).isEqualTo(MAN_1985);
  }

  @Test
  void canServeTheContractWsdlItself() throws Exception {
    // surefire runs in the project directory, where the contract lives
    URL contract = Path.of("connectors", "population-register.wsdl").toUri().toURL();
    try (PopulationRegisterSandbox withContract = new PopulationRegisterSandbox(0, POPULATION, contract)) {
      withContract.start();

      String wsdl = get(withContract.address() + "?wsdl").body();
      assertThat(wsdl)
          .contains("PopulationRegisterSoapBinding")
          .contains("<xs:element name=\"sex\" type=\"tns:Sex\"/>")
          .contains("location=\"" + withContract.address() + "\"");

      PopulationRegister contractClient =
          new PopulationRegisterService(new URL(withContract.address() + "?wsdl")).getPopulationRegisterPort();
      try {
        assertThat(contractClient.getCitizenInfo(citizenRequest(MAN_1985)).getCitizen().getFullName())
            .isEqualTo("Đỗ Công Sơn");
        assertThatThrownBy(() -> contractClient.getHousehold(householdRequest(NOBODY)))
            .isInstanceOf(CitizenNotFoundFault.class);
      } finally {
        ((AutoCloseable) contractClient).close();
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  private static String someoneLivingAway() {
    for (int serial = 1; serial < 1_000; serial++) {
      String id = String.format("048090%06d", serial);
      if (POPULATION.find(id).orElseThrow().livesAway()) {
        return id;
      }
    }
    throw new AssertionError("nobody in the first 1000 serials lives away");
  }

  private static GetCitizenInfoRequest citizenRequest(String id) {
    GetCitizenInfoRequest request = new GetCitizenInfoRequest();
    request.setPersonalId(id);
    return request;
  }

  private static VerifyCitizenRequest verifyRequest(String id, String fullName, String dateOfBirth) {
    VerifyCitizenRequest request = new VerifyCitizenRequest();
    request.setPersonalId(id);
    request.setFullName(fullName);
    XMLGregorianCalendar date = DATATYPES.newXMLGregorianCalendar(dateOfBirth);
    request.setDateOfBirth(date);
    return request;
  }

  private static GetResidenceRequest residenceRequest(String id) {
    GetResidenceRequest request = new GetResidenceRequest();
    request.setPersonalId(id);
    return request;
  }

  private static GetHouseholdRequest householdRequest(String id) {
    GetHouseholdRequest request = new GetHouseholdRequest();
    request.setPersonalId(id);
    return request;
  }

  private static String envelope(String body) {
    return "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:d=\"urn:vn:gov:bca:dancu:v1\">"
        + "<s:Body>" + body + "</s:Body></s:Envelope>";
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> post(String soapEnvelope) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.address()))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "text/xml; charset=UTF-8")
        .header("SOAPAction", "\"\"")
        .POST(HttpRequest.BodyPublishers.ofString(soapEnvelope, StandardCharsets.UTF_8))
        .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> names(NodeList nodes) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      names.add(((Element) nodes.item(i)).getAttribute("name"));
    }
    return names;
  }
}

package vn.lgsp.hub.sandbox.population;

import jakarta.jws.WebService;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import vn.lgsp.hub.sandbox.population.ws.CitizenNotFound;
import vn.lgsp.hub.sandbox.population.ws.CitizenNotFoundFault;
import vn.lgsp.hub.sandbox.population.ws.GetCitizenInfoRequest;
import vn.lgsp.hub.sandbox.population.ws.GetCitizenInfoResponse;
import vn.lgsp.hub.sandbox.population.ws.GetHouseholdRequest;
import vn.lgsp.hub.sandbox.population.ws.GetHouseholdResponse;
import vn.lgsp.hub.sandbox.population.ws.GetResidenceRequest;
import vn.lgsp.hub.sandbox.population.ws.GetResidenceResponse;
import vn.lgsp.hub.sandbox.population.ws.InvalidRequest;
import vn.lgsp.hub.sandbox.population.ws.InvalidRequestFault;
import vn.lgsp.hub.sandbox.population.ws.PopulationRegister;
import vn.lgsp.hub.sandbox.population.ws.VerifyCitizenRequest;
import vn.lgsp.hub.sandbox.population.ws.VerifyCitizenResponse;

/**
 * The JAX-WS implementation of the population register's WSDL over {@link SyntheticPopulation}.
 * It only translates: domain records to the generated JAXB types, and "malformed" and "nobody"
 * to the two faults the WSDL declares.
 */
@WebService(
    serviceName = "PopulationRegisterService",
    portName = "PopulationRegisterPort",
    targetNamespace = "urn:vn:gov:bca:dancu:v1",
    endpointInterface = "vn.lgsp.hub.sandbox.population.ws.PopulationRegister")
public class PopulationRegisterEndpoint implements PopulationRegister {

  // the JDK's DatatypeFactory keeps no state, so one instance can serve all threads
  private static final DatatypeFactory DATATYPES = DatatypeFactory.newDefaultInstance();

  private final SyntheticPopulation population;

  public PopulationRegisterEndpoint(SyntheticPopulation population) {
    this.population = Objects.requireNonNull(population, "population");
  }

  @Override
  public GetCitizenInfoResponse getCitizenInfo(GetCitizenInfoRequest request)
      throws CitizenNotFoundFault, InvalidRequestFault {
    String personalId = request == null ? null : request.getPersonalId();
    Citizen citizen = lookup(personalId, population::find);
    GetCitizenInfoResponse response = new GetCitizenInfoResponse();
    response.setCitizen(toXml(citizen));
    return response;
  }

  @Override
  public VerifyCitizenResponse verifyCitizen(VerifyCitizenRequest request)
      throws CitizenNotFoundFault, InvalidRequestFault {
    if (request == null) {
      throw invalid("personalId, fullName and dateOfBirth are required");
    }
    if (request.getFullName() == null || request.getDateOfBirth() == null) {
      throw invalid("fullName and dateOfBirth are required");
    }
    LocalDate dateOfBirth = fromXml(request.getDateOfBirth());
    Verification verification = lookup(request.getPersonalId(),
        id -> population.verify(id, request.getFullName(), dateOfBirth));
    VerifyCitizenResponse response = new VerifyCitizenResponse();
    response.setMatch(verification.match());
    verification.mismatchedFields().forEach(field ->
        response.getMismatchedField().add(vn.lgsp.hub.sandbox.population.ws.VerifiedField.fromValue(field.code())));
    return response;
  }

  @Override
  public GetResidenceResponse getResidence(GetResidenceRequest request)
      throws CitizenNotFoundFault, InvalidRequestFault {
    String personalId = request == null ? null : request.getPersonalId();
    Residence residence = lookup(personalId, population::residence);
    GetResidenceResponse response = new GetResidenceResponse();
    response.setResidence(toXml(residence));
    return response;
  }

  @Override
  public GetHouseholdResponse getHousehold(GetHouseholdRequest request)
      throws CitizenNotFoundFault, InvalidRequestFault {
    String personalId = request == null ? null : request.getPersonalId();
    Household household = lookup(personalId, population::household);
    GetHouseholdResponse response = new GetHouseholdResponse();
    response.setHousehold(toXml(household));
    return response;
  }

  // ------------------------------------------------------------------ faults

  private static <T> T lookup(String personalId, Function<String, Optional<T>> query)
      throws CitizenNotFoundFault, InvalidRequestFault {
    Optional<T> found;
    try {
      found = query.apply(personalId);
    } catch (InvalidPersonalIdException e) {
      // the exception's message is written for callers: it names the rule, never internals
      throw invalid(e.getMessage());
    }
    if (found.isEmpty()) {
      CitizenNotFound info = new CitizenNotFound();
      info.setPersonalId(personalId);
      throw new CitizenNotFoundFault("Citizen not found", info);
    }
    return found.get();
  }

  private static InvalidRequestFault invalid(String reason) {
    InvalidRequest info = new InvalidRequest();
    info.setReason(reason);
    return new InvalidRequestFault("Invalid request", info);
  }

  // ------------------------------------------------------------------ dates

  private static XMLGregorianCalendar toXml(LocalDate date) {
    return DATATYPES.newXMLGregorianCalendarDate(date.getYear(), date.getMonthValue(), date.getDayOfMonth(),
        DatatypeConstants.FIELD_UNDEFINED);
  }

  private static LocalDate fromXml(XMLGregorianCalendar date) throws InvalidRequestFault {
    if (date.getYear() == DatatypeConstants.FIELD_UNDEFINED
        || date.getMonth() == DatatypeConstants.FIELD_UNDEFINED
        || date.getDay() == DatatypeConstants.FIELD_UNDEFINED) {
      throw invalid("dateOfBirth must be a full date (YYYY-MM-DD)");
    }
    try {
      return LocalDate.of(date.getYear(), date.getMonth(), date.getDay());
    } catch (DateTimeException e) {
      throw invalid("dateOfBirth is not a valid date");
    }
  }

  // ------------------------------------------------------------------ records to JAXB

  private static vn.lgsp.hub.sandbox.population.ws.Citizen toXml(Citizen c) {
    var xml = new vn.lgsp.hub.sandbox.population.ws.Citizen();
    xml.setPersonalId(c.personalId());
    xml.setFullName(c.fullName());
    xml.setDateOfBirth(toXml(c.dateOfBirth()));
    xml.setSex(toXml(c.sex()));
    xml.setNationality(c.nationality());
    xml.setEthnicity(c.ethnicity());
    xml.setPlaceOfOrigin(c.placeOfOrigin());
    xml.setPermanentAddress(toXml(c.permanentAddress()));
    xml.setCurrentAddress(toXml(c.currentAddress()));
    xml.setHouseholdId(c.householdId());
    return xml;
  }

  private static vn.lgsp.hub.sandbox.population.ws.Residence toXml(Residence r) {
    var xml = new vn.lgsp.hub.sandbox.population.ws.Residence();
    xml.setPersonalId(r.personalId());
    xml.setFullName(r.fullName());
    xml.setDateOfBirth(toXml(r.dateOfBirth()));
    xml.setPermanentAddress(toXml(r.permanentAddress()));
    xml.setCurrentAddress(toXml(r.currentAddress()));
    xml.setResidenceType(vn.lgsp.hub.sandbox.population.ws.ResidenceType.fromValue(r.residenceType().code()));
    xml.setRegisteredSince(toXml(r.registeredSince()));
    xml.setHouseholdId(r.householdId());
    xml.setHouseholdHeadName(r.householdHeadName());
    xml.setRelationshipToHead(toXml(r.relationshipToHead()));
    xml.setConfirmationNumber(r.confirmationNumber());
    xml.setIssuingAuthority(r.issuingAuthority());
    return xml;
  }

  private static vn.lgsp.hub.sandbox.population.ws.Household toXml(Household h) {
    var xml = new vn.lgsp.hub.sandbox.population.ws.Household();
    xml.setHouseholdId(h.householdId());
    xml.setAddress(toXml(h.address()));
    for (HouseholdMember m : h.members()) {
      var member = new vn.lgsp.hub.sandbox.population.ws.HouseholdMember();
      member.setPersonalId(m.personalId());
      member.setFullName(m.fullName());
      member.setDateOfBirth(toXml(m.dateOfBirth()));
      member.setSex(toXml(m.sex()));
      member.setRelationshipToHead(toXml(m.relationshipToHead()));
      xml.getMember().add(member);
    }
    return xml;
  }

  private static vn.lgsp.hub.sandbox.population.ws.Address toXml(Address a) {
    var xml = new vn.lgsp.hub.sandbox.population.ws.Address();
    xml.setLine(a.line());
    xml.setWard(a.ward());
    xml.setProvince(a.province());
    xml.setProvinceCode(a.provinceCode());
    xml.setFull(a.full());
    return xml;
  }

  private static vn.lgsp.hub.sandbox.population.ws.Sex toXml(Sex sex) {
    return vn.lgsp.hub.sandbox.population.ws.Sex.fromValue(sex.code());
  }

  private static vn.lgsp.hub.sandbox.population.ws.RelationshipToHead toXml(Relationship relationship) {
    return vn.lgsp.hub.sandbox.population.ws.RelationshipToHead.fromValue(relationship.code());
  }
}

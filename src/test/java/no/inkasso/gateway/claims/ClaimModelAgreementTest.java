package no.inkasso.gateway.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import javax.xml.XMLConstants;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.claims.model.Claim;
import org.junit.jupiter.api.Test;

/** The JSON form (OpenAPI) and the XML form (XSD) of the canonical claim describe the same model. */
class ClaimModelAgreementTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Test
    void aValidJsonClaimIsAValidXmlClaimAndComesBackUnchanged() throws Exception {
        JsonNode json = ApiJson.mapper().readTree(Files.readAllBytes(Path.of("examples/claim.json")));
        ClaimReading.Valid valid = (ClaimReading.Valid) new ClaimReader(new ClaimSchema(), new ClaimValidator()).read(json, TODAY);

        JAXBContext context = JAXBContext.newInstance(Claim.class);
        Marshaller marshaller = context.createMarshaller();
        marshaller.setSchema(xsd());
        StringWriter xml = new StringWriter();
        marshaller.marshal(valid.claim(), xml);

        Unmarshaller unmarshaller = context.createUnmarshaller();
        unmarshaller.setSchema(xsd());
        Claim back = (Claim) unmarshaller.unmarshal(new StringReader(xml.toString()));

        assertThat(xml.toString()).contains("<invoice>").contains("urn:inkasso-gateway:claim:1");
        assertThat(ApiJson.canonicalMapper().writeValueAsString(back)).isEqualTo(valid.canonicalJson());
    }

    @Test
    void theXsdRefusesWhatTheJsonSchemaRefuses() throws Exception {
        String xml = """
                <claim xmlns="urn:inkasso-gateway:claim:1"><source><system>demo-erp</system></source></claim>""";
        Unmarshaller unmarshaller = JAXBContext.newInstance(Claim.class).createUnmarshaller();
        unmarshaller.setSchema(xsd());

        assertThatThrownBy(() -> unmarshaller.unmarshal(new StringReader(xml)))
                .isInstanceOf(JAXBException.class)
                .hasStackTraceContaining("creditor");
    }

    private static Schema xsd() throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        return factory.newSchema(Path.of("schemas/claim/claim-v1.xsd").toFile());
    }
}

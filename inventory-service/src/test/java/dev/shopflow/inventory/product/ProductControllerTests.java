package dev.shopflow.inventory.product;

import java.util.List;

import dev.shopflow.defaults.security.ServletSecurityAutoConfiguration;
import dev.shopflow.defaults.web.WebAutoConfiguration;
import dev.shopflow.inventory.system.InventoryProperties;
import dev.shopflow.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static dev.shopflow.testsupport.SliceTokens.token;
import static dev.shopflow.testsupport.SliceTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

/**
 * The catalogue's HTTP contract (API.md "Catalogue and stock") with the catalogue mocked,
 * behind the services' real security chain and problem answers: anyone reads, admins
 * change.
 */
@WebMvcTest(ProductController.class)
@ImportAutoConfiguration({ WebAutoConfiguration.class, ServletSecurityAutoConfiguration.class })
@Import(TestTokens.Decoder.class)
@EnableConfigurationProperties(InventoryProperties.class)
class ProductControllerTests {

	private static final String NEW_BOOK = """
			{ "sku": "BOOK-1", "name": "  Dune ", "unitPriceMinor": 1999, "initialStock": 10 }""";

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private ProductCatalogue catalogue;

	@Test
	void servesAPageOfProductsWithoutToken() {
		given(this.catalogue.page(1, 2)).willReturn(new ProductCatalogue.Page(List.of(book(10)), 3));

		assertThat(this.mvc.get().uri("/api/products").param("page", "1").param("size", "2")).hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo("""
					{ "items": [ { "sku": "BOOK-1", "name": "Dune", "unitPriceMinor": 1999, "currency": "EUR",
					               "available": 10 } ],
					  "page": 1, "size": 2, "totalItems": 3 }""");
	}

	@Test
	void pagesByTwentyFromTheFirstPageByDefault() {
		given(this.catalogue.page(0, 20)).willReturn(new ProductCatalogue.Page(List.of(), 0));

		assertThat(this.mvc.get().uri("/api/products")).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{ \"items\": [], \"page\": 0, \"size\": 20, \"totalItems\": 0 }");
	}

	@Test
	void refusesPageSizesOutsideOneToAHundred() {
		assertProblem(this.mvc.get().uri("/api/products").param("size", "101"), HttpStatus.BAD_REQUEST,
				"validation-failed", "Validation failed")
			.hasPathSatisfying("$.errors[*].field", (fields) -> assertThat(fields).asArray().containsExactly("size"));
		assertProblem(this.mvc.get().uri("/api/products").param("size", "0"), HttpStatus.BAD_REQUEST,
				"validation-failed", "Validation failed");
		then(this.catalogue).shouldHaveNoInteractions();
	}

	@Test
	void answersAPageNumberThatIsNotANumberWithBadRequestProblem() {
		assertThat(this.mvc.get().uri("/api/products").param("page", "first")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("{ \"type\": \"https://shopflow.dev/problems/bad-request\", \"status\": 400 }");
	}

	@Test
	void servesOneProductWithoutToken() {
		given(this.catalogue.product("BOOK-1")).willReturn(book(10));

		assertThat(this.mvc.get().uri("/api/products/{sku}", "BOOK-1")).hasStatusOk().bodyJson().isStrictlyEqualTo("""
				{ "sku": "BOOK-1", "name": "Dune", "unitPriceMinor": 1999, "currency": "EUR", "available": 10 }""");
	}

	@Test
	void answersAnUnknownSkuWithNotFoundProblem() {
		given(this.catalogue.product("NOPE")).willThrow(new ProductNotFoundException("NOPE"));

		assertProblem(this.mvc.get().uri("/api/products/{sku}", "NOPE"), HttpStatus.NOT_FOUND, "product-not-found",
				"Product not found")
			.extractingPath("$.instance")
			.isEqualTo("/api/products/NOPE");
	}

	@Test
	void addsAProductWithItsLocation() {
		given(this.catalogue.add("BOOK-1", "Dune", 1999, 10)).willReturn(book(10));

		assertThat(add(NEW_BOOK).with(admin())).hasStatus(HttpStatus.CREATED)
			.hasHeader(HttpHeaders.LOCATION, "/api/products/BOOK-1")
			.bodyJson()
			.isLenientlyEqualTo(
					"{ \"sku\": \"BOOK-1\", \"name\": \"Dune\", \"available\": 10, \"currency\": \"EUR\" }");
	}

	@Test
	void acceptsAnAdminTokenSignedByTheTrustedIssuer() {
		given(this.catalogue.add("BOOK-1", "Dune", 1999, 10)).willReturn(book(10));

		assertThat(add(NEW_BOOK).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin()))
			.hasStatus(HttpStatus.CREATED);
	}

	@Test
	void refusesToAddAProductWithoutTokenWithUnauthorizedProblem() {
		assertProblem(add(NEW_BOOK), HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized");
		assertThat(add(NEW_BOOK)).hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		then(this.catalogue).shouldHaveNoInteractions();
	}

	@Test
	void refusesAnExpiredTokenWithUnauthorizedProblem() {
		assertThat(add(NEW_BOOK).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.expired("admin")))
			.hasStatus(HttpStatus.UNAUTHORIZED)
			.hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		then(this.catalogue).shouldHaveNoInteractions();
	}

	@Test
	void refusesACustomerAddingAProductWithForbiddenProblem() {
		assertProblem(add(NEW_BOOK).with(token("alice", "customer")), HttpStatus.FORBIDDEN, "forbidden", "Forbidden");
		then(this.catalogue).shouldHaveNoInteractions();
	}

	@Test
	void answersAnExistingSkuWithConflictProblem() {
		given(this.catalogue.add(anyString(), anyString(), anyLong(), anyLong()))
			.willThrow(new DuplicateSkuException("BOOK-1"));

		assertProblem(add(NEW_BOOK).with(admin()), HttpStatus.CONFLICT, "duplicate-sku", "SKU already exists");
	}

	@Test
	void namesEveryInvalidFieldOfANewProduct() {
		assertProblem(add("{ \"sku\": \"lower-case\", \"name\": \" \", \"unitPriceMinor\": 0, \"initialStock\": -1 }")
			.with(admin()), HttpStatus.BAD_REQUEST, "validation-failed", "Validation failed")
			.hasPathSatisfying("$.errors[*].field", (fields) -> assertThat(fields).asArray()
				.containsExactlyInAnyOrder("sku", "name", "unitPriceMinor", "initialStock"));
		then(this.catalogue).shouldHaveNoInteractions();
	}

	@Test
	void refusesAProductWithoutFields() {
		assertProblem(add("{}").with(admin()), HttpStatus.BAD_REQUEST, "validation-failed", "Validation failed")
			.hasPathSatisfying("$.errors[*].field", (fields) -> assertThat(fields).asArray()
				.containsExactlyInAnyOrder("sku", "name", "unitPriceMinor", "initialStock"));
	}

	@Test
	void answersMalformedJsonWithBadRequestProblem() {
		assertProblem(add("{ \"sku\": ").with(admin()), HttpStatus.BAD_REQUEST, "malformed-request-body",
				"Malformed request body");
		then(this.catalogue).shouldHaveNoInteractions();
	}

	@Test
	void adjustsTheStockOfAProduct() {
		given(this.catalogue.adjustStock("BOOK-1", -3)).willReturn(book(7));

		assertThat(adjust("BOOK-1", "{ \"delta\": -3 }").with(admin())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.available")
			.isEqualTo(7);
	}

	@Test
	void refusesADeltaOfZeroOrNone() {
		assertProblem(adjust("BOOK-1", "{ \"delta\": 0 }").with(admin()), HttpStatus.BAD_REQUEST, "validation-failed",
				"Validation failed")
			.hasPathSatisfying("$.errors[*].field", (fields) -> assertThat(fields).asArray().containsExactly("delta"));
		assertProblem(adjust("BOOK-1", "{}").with(admin()), HttpStatus.BAD_REQUEST, "validation-failed",
				"Validation failed");
		then(this.catalogue).shouldHaveNoInteractions();
	}

	@Test
	void answersAnAdjustmentBelowZeroWithConflictProblemShowingWhatIsAvailable() {
		given(this.catalogue.adjustStock("BOOK-1", -20)).willThrow(new InsufficientStockException("BOOK-1", -20, 10));

		assertProblem(adjust("BOOK-1", "{ \"delta\": -20 }").with(admin()), HttpStatus.CONFLICT, "insufficient-stock",
				"Insufficient stock")
			.extractingPath("$.available")
			.isEqualTo(10);
	}

	@Test
	void answersAnAdjustmentOfAnUnknownSkuWithNotFoundProblem() {
		given(this.catalogue.adjustStock("NOPE", 5)).willThrow(new ProductNotFoundException("NOPE"));

		assertProblem(adjust("NOPE", "{ \"delta\": 5 }").with(admin()), HttpStatus.NOT_FOUND, "product-not-found",
				"Product not found");
	}

	@Test
	void refusesACustomerAdjustingStock() {
		assertProblem(adjust("BOOK-1", "{ \"delta\": 5 }").with(token("alice", "customer")), HttpStatus.FORBIDDEN,
				"forbidden", "Forbidden");
		then(this.catalogue).shouldHaveNoInteractions();
	}

	@Test
	void refusesToAdjustStockWithoutToken() {
		assertProblem(adjust("BOOK-1", "{ \"delta\": 5 }"), HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized");
		then(this.catalogue).shouldHaveNoInteractions();
	}

	private MockMvcRequestBuilder add(String body) {
		return this.mvc.post().uri("/api/products").contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private MockMvcRequestBuilder adjust(String sku, String body) {
		return this.mvc.post()
			.uri("/api/products/{sku}/stock", sku)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
	}

	private static Product book(long available) {
		return new Product("BOOK-1", "Dune", 1999, 10, available - 10, available, 0, 0);
	}

	private static RequestPostProcessor admin() {
		return token("admin", "admin");
	}

}

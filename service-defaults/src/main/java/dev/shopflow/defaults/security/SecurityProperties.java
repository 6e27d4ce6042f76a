package dev.shopflow.defaults.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of a service's token check ({@code shopflow.security.*}). Where tokens come
 * from is Spring Boot's resource server configuration ({@code JWT_JWK_SET_URI}).
 *
 * @param publicGetPaths Ant patterns that anyone may read without a token, e.g.
 * {@code /api/products/**}
 */
@ConfigurationProperties("shopflow.security")
public record SecurityProperties(@DefaultValue( {
	}) List<String> publicGetPaths){

}

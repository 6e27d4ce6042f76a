package dev.shopflow.gateway;

import dev.shopflow.testsupport.ServiceContract;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayIntegrationTests extends ServiceContract {

}

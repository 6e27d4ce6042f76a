package dev.shopflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificate authorities and server certificates made at run time for TLS tests
 * (BouncyCastle builds the certificates; nothing is committed): a test CA, certificates
 * it issues for host names and addresses, their PEM files (the form the services read, as
 * {@code SHOPFLOW_TLS_*}) and SSL contexts for stub servers and test clients. Test-only:
 * EC P-256 keys valid for a day.
 */
public final class TestCertificates {

	private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());

	private TestCertificates() {
	}

	/**
	 * A new self-signed certificate authority.
	 * @param name its common name
	 * @return the authority
	 */
	public static Authority authority(String name) {
		KeyPair keys = keyPair();
		X500Name subject = new X500Name("CN=" + name);
		X509v3CertificateBuilder builder = builder(subject, subject, keys);
		try {
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
				.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new Authority(sign(builder, keys), keys);
	}

	private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
		Instant now = Instant.now();
		return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
				Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
				keys.getPublic());
	}

	private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) {
		try {
			return new JcaX509CertificateConverter().getCertificate(
					builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
		}
		catch (GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static KeyPair keyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	private static String pem(Certificate certificate) {
		try {
			return pem("CERTIFICATE", certificate.getEncoded());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Path write(Path file, String content) {
		try {
			return Files.writeString(file, content, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A certificate authority that issues server certificates.
	 *
	 * @param certificate its self-signed certificate
	 * @param keys its key pair
	 */
	public record Authority(X509Certificate certificate, KeyPair keys) {

		/**
		 * A server certificate for the given names.
		 * @param names DNS names and IP addresses (its subject alternative names)
		 * @return the certificate with its key
		 */
		public Issued issue(String... names) {
			KeyPair serverKeys = keyPair();
			X509v3CertificateBuilder builder = builder(
					X500Name.getInstance(this.certificate.getSubjectX500Principal().getEncoded()),
					new X500Name("CN=" + names[0]), serverKeys);
			GeneralName[] alternatives = new GeneralName[names.length];
			for (int i = 0; i < names.length; i++) {
				boolean address = Character.isDigit(names[i].charAt(0)) || names[i].contains(":");
				alternatives[i] = new GeneralName(address ? GeneralName.iPAddress : GeneralName.dNSName, names[i]);
			}
			try {
				builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
					.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
					.addExtension(Extension.extendedKeyUsage, false,
							new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
					.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternatives));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return new Issued(sign(builder, this.keys), serverKeys, this.certificate);
		}

		/**
		 * The authority's certificate as PEM text.
		 * @return the PEM
		 */
		public String certificatePem() {
			return pem(this.certificate);
		}

		/**
		 * Writes the authority's certificate as PEM (what {@code SHOPFLOW_TLS_TRUST}
		 * names).
		 * @param file where
		 * @return the file
		 */
		public Path writeCertificate(Path file) {
			return write(file, certificatePem());
		}

		/**
		 * An SSL context whose only trusted CA is this one (a test client's).
		 * @return the context
		 */
		public SSLContext trustingContext() {
			try {
				KeyStore store = KeyStore.getInstance("PKCS12");
				store.load(null, null);
				store.setCertificateEntry("ca", this.certificate);
				TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				trust.init(store);
				SSLContext context = SSLContext.getInstance("TLS");
				context.init(null, trust.getTrustManagers(), null);
				return context;
			}
			catch (GeneralSecurityException | IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/**
	 * A server certificate, its key pair and the certificate of the CA that issued it.
	 *
	 * @param certificate the server's certificate
	 * @param keys its key pair
	 * @param issuer the CA's certificate
	 */
	public record Issued(X509Certificate certificate, KeyPair keys, X509Certificate issuer) {

		/**
		 * Writes the certificate chain and the private key (PKCS#8) as PEM files, the
		 * form of {@code SHOPFLOW_TLS_CERTIFICATE} and {@code SHOPFLOW_TLS_PRIVATE_KEY}.
		 * @param directory where
		 * @param name the files' base name
		 * @return the two files
		 */
		public PemFiles written(Path directory, String name) {
			Path chain = write(directory.resolve(name + ".crt"), pem(this.certificate) + pem(this.issuer));
			Path key = write(directory.resolve(name + ".key"), pem("PRIVATE KEY", this.keys.getPrivate().getEncoded()));
			return new PemFiles(chain, key);
		}

		/**
		 * An SSL context that serves this certificate (a stub server's).
		 * @return the context
		 */
		public SSLContext servingContext() {
			try {
				char[] password = "test".toCharArray();
				KeyStore store = KeyStore.getInstance("PKCS12");
				store.load(null, null);
				store.setKeyEntry("server", this.keys.getPrivate(), password,
						new Certificate[] { this.certificate, this.issuer });
				KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keys.init(store, password);
				SSLContext context = SSLContext.getInstance("TLS");
				context.init(keys.getKeyManagers(), null, null);
				return context;
			}
			catch (GeneralSecurityException | IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * The PEM files of a server certificate.
		 *
		 * @param certificate the certificate chain (server first, then its CA)
		 * @param privateKey the private key
		 */
		public record PemFiles(Path certificate, Path privateKey) {
		}

	}

}

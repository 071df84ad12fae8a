// Docker Official Image names, so that `FROM bash` is read as the image it is and not as a typo of
// a stage called `base`. BuildKit's own did-you-mean list (commonImageNames) is the first line.
export const COMMON_IMAGE_NAMES = ['alpine', 'busybox', 'centos', 'debian', 'golang', 'ubuntu', 'fedora'];

export const OFFICIAL_IMAGES = new Set([
  ...COMMON_IMAGE_NAMES,
  'adminer', 'aerospike', 'almalinux', 'amazoncorretto', 'amazonlinux', 'arangodb', 'archlinux', 'bash', 'bonita',
  'buildpack-deps', 'caddy', 'cassandra', 'chronograf', 'cirros', 'clearlinux', 'clojure', 'composer', 'consul',
  'couchbase', 'couchdb', 'crate', 'dart', 'docker', 'drupal', 'eclipse-mosquitto', 'eclipse-temurin', 'eggdrop',
  'elasticsearch', 'elixir', 'erlang', 'flink', 'fluentd', 'gazebo', 'gcc', 'geonetwork', 'ghost', 'gradle',
  'groovy', 'haproxy', 'haskell', 'haxe', 'hello-world', 'httpd', 'hylang', 'ibm-semeru-runtimes', 'ibmjava',
  'influxdb', 'irssi', 'jetty', 'joomla', 'jruby', 'julia', 'kapacitor', 'kibana', 'kong', 'liquibase',
  'logstash', 'mageia', 'mariadb', 'matomo', 'maven', 'mediawiki', 'memcached', 'mongo', 'mongo-express', 'mono',
  'mysql', 'nats', 'neo4j', 'neurodebian', 'nextcloud', 'nginx', 'node', 'odoo', 'open-liberty', 'openjdk',
  'oraclelinux', 'orientdb', 'perl', 'photon', 'php', 'php-zendserver', 'phpmyadmin', 'plone', 'postfixadmin',
  'postgres', 'pypy', 'python', 'r-base', 'rabbitmq', 'redis', 'redmine', 'registry', 'rethinkdb', 'rocket.chat',
  'rockylinux', 'ruby', 'rust', 'sapmachine', 'scratch', 'silverpeas', 'solr', 'sonarqube', 'spiped', 'storm',
  'swift', 'swipl', 'teamspeak', 'telegraf', 'tomcat', 'tomee', 'traefik', 'varnish', 'websphere-liberty',
  'wordpress', 'xwiki', 'yourls', 'znc', 'zookeeper', 'busybox', 'distroless', 'ubi', 'ubi-minimal', 'nixos',
]);

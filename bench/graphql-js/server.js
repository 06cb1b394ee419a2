// The shop's product page served by the Neo4j GraphQL Library, for bench/api.py to compare with.
// Connection settings come from the environment (never the command line): BENCH_NEO4J_URI,
// BENCH_NEO4J_USER, BENCH_NEO4J_PASSWORD, BENCH_PORT. Prints "ready" once it listens.
import http from "node:http";
import neo4j from "neo4j-driver";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { graphql } from "graphql";

// The same product page as Borderless serves: language fallback and currency conversion are
// @cypher fields, since the library has no notion of either.
const typeDefs = /* GraphQL */ `
  type Product @node {
    id: ID!
    price: Float
    avg_rating: Float
    review_count: Int
    title(lang: String = "en"): String
      @cypher(statement: "RETURN coalesce(this['title_' + $lang], this.title_en, this.title_de, this.title_es, this.title_fr, this.title_pt, this.title_zh, this.title_ja) AS t", columnName: "t")
    description(lang: String = "en"): String
      @cypher(statement: "RETURN coalesce(this['description_' + $lang], this.description_en) AS d", columnName: "d")
    priceIn(currency: String!): Float
      @cypher(statement: "MATCH (cur:Currency {code: $currency}) RETURN round(this.price * cur.rate, 2) AS amount", columnName: "amount")
    brand: Brand @relationship(type: "OF_BRAND", direction: OUT)
    category: Category @relationship(type: "IN_CATEGORY", direction: OUT)
    shipsTo: [Country!]! @relationship(type: "SHIPS_TO", direction: OUT, properties: "ShipsTo")
  }
  type ShipsTo @relationshipProperties {
    days: Int
    cost: Float
  }
  type Brand @node {
    id: ID!
    name: String
  }
  type Country @node {
    code: String!
    name: String
  }
  type Category @node {
    id: ID!
    name_en: String
    name_de: String
    breadcrumbs: [Category!]!
      @cypher(statement: "MATCH path = (this)-[:SUBCATEGORY_OF*0..]->(root:Category) WHERE NOT (root)-[:SUBCATEGORY_OF]->() UNWIND reverse(nodes(path)) AS c RETURN c", columnName: "c")
  }
`;

const env = process.env;
const driver = neo4j.driver(
  env.BENCH_NEO4J_URI,
  neo4j.auth.basic(env.BENCH_NEO4J_USER || "neo4j", env.BENCH_NEO4J_PASSWORD),
);
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();

const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => { body += chunk; });
  req.on("end", async () => {
    try {
      const { query, variables } = JSON.parse(body);
      const result = await graphql({ schema, source: query, variableValues: variables, contextValue: {} });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(result));
    } catch (err) {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ errors: [{ message: String(err) }] }));
    }
  });
});
server.listen(Number(env.BENCH_PORT || 4100), "127.0.0.1", () => console.log("ready"));
process.on("SIGTERM", async () => { server.close(); await driver.close(); process.exit(0); });

/** The owner account the e2e suite creates on its server, and where its signed-in state is kept. */
export const OWNER = { name: "E2E owner", email: "owner@planvas.test", password: "e2e owner password" };
export const OWNER_STATE = "test-results/.auth/owner.json";

/** Read replicas: choosing a replica at least at the request's dataset versions. */
export * from './read-replicas';

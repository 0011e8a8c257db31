/** Drag data type for a project file dragged out of Project files (the Board files panel accepts it); data = path. */
export const PROJECT_PATH_MIME = "application/x-mote-project-path";
